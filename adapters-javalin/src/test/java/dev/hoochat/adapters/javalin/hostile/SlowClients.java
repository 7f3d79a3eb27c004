package dev.hoochat.adapters.javalin.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slowloris clients on loopback: each sends the start of a request and then one byte per tick, from
 * a single background thread, never finishing. {@link Kind#BODY} sends the complete headers of
 * {@code POST /v1/sessions} with {@code Content-Length: 2000} and then trickles the body; {@link
 * Kind#HEAD} trickles the headers themselves. A client counts as cut off when the server closes its
 * connection (what it answered first is kept).
 */
final class SlowClients implements AutoCloseable {
  enum Kind {
    BODY,
    HEAD
  }

  private final List<Slow> clients = new ArrayList<>();
  private final Thread trickler;
  private volatile boolean running = true;

  private SlowClients(List<Slow> opened, Duration tick) {
    clients.addAll(opened);
    trickler =
        new Thread(
            () -> {
              while (running) {
                tick();
                try {
                  Thread.sleep(tick.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "slow-clients");
    trickler.setDaemon(true);
    trickler.start();
  }

  /** Opens {@code count} clients of {@code kind} (from {@code fromAddress} when not null). */
  static SlowClients open(URI base, Kind kind, int count, String fromAddress, Duration tick) {
    List<Slow> opened = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        SocketChannel channel = SocketChannel.open();
        if (fromAddress != null) {
          channel.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        }
        channel.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        channel.configureBlocking(false);
        Slow slow = new Slow(channel, kind);
        slow.write(
            kind == Kind.BODY
                ? "POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 2000\r\n\r\n{"
                : "POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        opened.add(slow);
      }
    } catch (IOException e) {
      opened.forEach(Slow::close);
      throw new UncheckedIOException(e);
    }
    return new SlowClients(opened, tick);
  }

  private synchronized void tick() {
    for (Slow slow : clients) {
      slow.tick();
    }
  }

  synchronized int count() {
    return clients.size();
  }

  synchronized int stillOpen() {
    return (int) clients.stream().filter(s -> !s.closed).count();
  }

  /** What each client that was cut off received before its connection closed. */
  synchronized List<String> answers() {
    return clients.stream().filter(s -> s.closed).map(s -> s.received.toString()).toList();
  }

  /** Waits (ticking on) until every client is cut off; false if some are open at the deadline. */
  boolean awaitAllClosed(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (stillOpen() == 0) {
        return true;
      }
      Thread.sleep(100);
    }
    return stillOpen() == 0;
  }

  @Override
  public void close() {
    running = false;
    trickler.interrupt();
    synchronized (this) {
      clients.forEach(Slow::close);
    }
  }

  private static final class Slow {
    final SocketChannel channel;
    final Kind kind;
    final StringBuilder received = new StringBuilder();
    boolean closed;

    Slow(SocketChannel channel, Kind kind) {
      this.channel = channel;
      this.kind = kind;
    }

    void write(String text) throws IOException {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    /** Reads whatever the server sent (noting a close), then sends one more byte. */
    void tick() {
      if (closed) {
        return;
      }
      try {
        ByteBuffer in = ByteBuffer.allocate(4096);
        int n;
        while ((n = channel.read(in)) > 0) {
          in.flip();
          received.append(StandardCharsets.UTF_8.decode(in));
          in.clear();
        }
        if (n < 0) {
          close();
          return;
        }
        channel.write(ByteBuffer.wrap(new byte[] {(byte) 'a'}));
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
