package dev.hoochat.adapters.momento;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the Momento adapter connects: Momento's service with an API key, or a local server. */
public sealed interface MomentoConnection {

  /** Momento's service; the key (MOMENTO_API_KEY) also names the region's endpoints. */
  record ApiKey(String key) implements MomentoConnection {
    public ApiKey {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("MOMENTO_API_KEY is not set");
      }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
      return "ApiKey[***]";
    }
  }

  /** A Momento-compatible server speaking plaintext gRPC, such as the Momento test server. */
  record LocalEndpoint(String host, int port) implements MomentoConnection {
    public LocalEndpoint {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("momento endpoint needs a host");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("momento endpoint port out of range: " + port);
      }
    }

    /** Reads {@code host:port}, the form {@code --momento-endpoint} takes. */
    public static LocalEndpoint parse(String hostAndPort) {
      String text = hostAndPort == null ? "" : hostAndPort.strip();
      try {
        URI uri = new URI("momento://" + text);
        if (uri.getHost() == null || uri.getPort() < 0 || !text.equals(uri.getRawAuthority())) {
          throw new IllegalArgumentException(
              "momento endpoint must be host:port, was '" + text + "'");
        }
        return new LocalEndpoint(uri.getHost(), uri.getPort());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "momento endpoint must be host:port, was '" + text + "'", e);
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
