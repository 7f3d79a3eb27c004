package dev.hoochat.adapters.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration: where the Redis cache is and how long the server may wait for it. Parsed from
 * {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for TLS). The timeouts are
 * short on purpose: the cache is never a source of truth, so a dead Redis should cost a request
 * milliseconds, after which it goes to the store.
 */
public record RedisSettings(
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    int database,
    boolean tls,
    Duration connectTimeout,
    Duration socketTimeout,
    int maxConnections) {

  public static final int DEFAULT_PORT = 6379;

  /** Long enough for a loaded Redis in the same network; short enough to fall back quickly. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

  /** Connections in the pool; each request holds one for one round trip. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private static final String EXPECTED =
      "expected redis://[user:password@]host:port[/db] or rediss://… for TLS";
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  public RedisSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("Redis host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("Redis port must be 1–65535, was " + port);
    }
    if (user == null || password == null) {
      throw new IllegalArgumentException("Redis user and password are Optional, never null");
    }
    if (user.isPresent() && password.isEmpty()) {
      throw new IllegalArgumentException("a Redis user needs a password");
    }
    if (database < 0) {
      throw new IllegalArgumentException("Redis database must be 0 or more, was " + database);
    }
    requireMillis("connect timeout", connectTimeout);
    requireMillis("socket timeout", socketTimeout);
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "Redis needs at least one connection, was " + maxConnections);
    }
  }

  /**
   * Parses a Redis URL, with the default timeouts and pool size.
   *
   * @throws IllegalArgumentException saying what is wrong with it (never echoing its password)
   */
  public static RedisSettings fromUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("no Redis URL given; " + EXPECTED);
    }
    String shown = redact(url.strip());
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      // e.getMessage() repeats the input, password included; the reason alone does not.
      throw bad(shown, e.getReason());
    }
    String scheme = uri.getScheme();
    boolean tls;
    if ("redis".equalsIgnoreCase(scheme)) {
      tls = false;
    } else if ("rediss".equalsIgnoreCase(scheme)) {
      tls = true;
    } else {
      throw bad(shown, "the scheme must be redis:// or rediss://");
    }
    if (uri.isOpaque() || uri.getHost() == null) {
      throw bad(shown, "no readable host:port (is the port a number, the host a DNS name?)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(shown, "query parameters and fragments are not supported");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();

    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw bad(
            shown, "write credentials as user:password@ or :password@ (a lone name is ambiguous)");
      }
      String name = userInfo.substring(0, colon);
      String secret = userInfo.substring(colon + 1);
      if (secret.isEmpty()) {
        throw bad(shown, "the password is empty");
      }
      user = name.isEmpty() ? Optional.empty() : Optional.of(name);
      password = Optional.of(secret);
    }

    int database = 0;
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      String db = path.substring(1);
      try {
        database = Integer.parseInt(db);
      } catch (NumberFormatException e) {
        throw bad(shown, "the path must be a database number, was /" + db);
      }
      if (database < 0) {
        throw bad(shown, "the database number must be 0 or more");
      }
    }
    try {
      return new RedisSettings(
          host,
          port,
          user,
          password,
          database,
          tls,
          DEFAULT_TIMEOUT,
          DEFAULT_TIMEOUT,
          DEFAULT_MAX_CONNECTIONS);
    } catch (IllegalArgumentException e) {
      throw bad(shown, e.getMessage());
    }
  }

  /** The same Redis with other connect and read timeouts. */
  public RedisSettings withTimeouts(Duration connect, Duration socket) {
    return new RedisSettings(
        host, port, user, password, database, tls, connect, socket, maxConnections);
  }

  /** The same Redis with another pool size. */
  public RedisSettings withMaxConnections(int connections) {
    return new RedisSettings(
        host, port, user, password, database, tls, connectTimeout, socketTimeout, connections);
  }

  /** {@code host:port}, for messages and logs: no credentials. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisSettings["
        + (tls ? "rediss://" : "redis://")
        + user.map(u -> u + ":***@").orElse(password.isPresent() ? ":***@" : "")
        + address()
        + "/"
        + database
        + ", connectTimeout="
        + connectTimeout.toMillis()
        + "ms, socketTimeout="
        + socketTimeout.toMillis()
        + "ms, maxConnections="
        + maxConnections
        + "]";
  }

  private static void requireMillis(String what, Duration timeout) {
    if (timeout == null || timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Redis " + what + " must be at least 1 ms, was " + timeout);
    }
  }

  private static String redact(String url) {
    return USER_INFO.matcher(url).replaceFirst("//***@");
  }

  private static IllegalArgumentException bad(String shownUrl, String reason) {
    return new IllegalArgumentException(
        "bad Redis URL " + shownUrl + ": " + reason + "; " + EXPECTED);
  }
}
