package dev.hoochat.adapters.javalin.jetty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/** The client's IP address, as the connection sees it (the proxy's, behind a reverse proxy). */
final class Addresses {
  private Addresses() {}

  static String of(Request request) {
    return Request.getRemoteAddr(request);
  }

  static Optional<InetAddress> of(EndPoint endPoint) {
    SocketAddress remote = endPoint.getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? Optional.of(inet.getAddress())
        : Optional.empty();
  }
}
