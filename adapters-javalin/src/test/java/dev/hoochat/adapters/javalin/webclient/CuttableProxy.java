package dev.hoochat.adapters.javalin.webclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback between a browser and the server, whose line can be cut: every open
 * connection (the page's WebSocket too) is closed, and new ones are closed at once, until it is
 * restored. What a phone going through a tunnel does to the page.
 */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private volatile URI target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  /** Listens at once (so that its origin is known); forwards once {@link #forwardTo} is called. */
  CuttableProxy() {
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** {@code http://127.0.0.1:PORT} of the proxy: the page's origin when opened through it. */
  String origin() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  void forwardTo(URI server) {
    target = server;
  }

  void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  void restore() {
    cut = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut || target == null) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket();
        server.connect(new InetSocketAddress(target.getHost(), target.getPort()));
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // the listener closed, or the server refused: the browser sees a failed connection
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side or cut() closed the connection
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
