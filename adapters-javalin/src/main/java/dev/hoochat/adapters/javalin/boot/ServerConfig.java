package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.application.assembly.ChatSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the standalone server is configured with, read from options and environment variables
 * by {@link ServerCommand}; tests build it directly.
 */
public record ServerConfig(
    String host,
    int port,
    StoreChoice store,
    CacheChoice cache,
    Optional<URI> dynamoDbEndpoint,
    String dynamoDbTable,
    URI redisUrl,
    Optional<String> momentoEndpoint,
    String momentoCache,
    int postsPerMinute,
    int passwordIterations,
    Optional<String> tokenKey,
    Optional<String> senderKey,
    String adminHost,
    int adminPort,
    int maxPendingBytes,
    ChatSettings.Limits limits,
    HttpLimits httpLimits,
    Optional<List<String>> allowedOrigins,
    Path dataDir,
    BackplaneChoice backplane) {

  public ServerConfig {
    Objects.requireNonNull(backplane, "backplane");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(httpLimits, "httpLimits");
    allowedOrigins = allowedOrigins.map(List::copyOf);
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cache, "cache");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0-65535");
    }
    if (postsPerMinute < 0) {
      throw new IllegalArgumentException("--post-limit must be 0 (off) or more");
    }
    if (passwordIterations < 1) {
      throw new IllegalArgumentException("--password-iterations must be at least 1");
    }
    Objects.requireNonNull(adminHost, "adminHost");
    if (adminPort < -1 || adminPort > 65_535) {
      throw new IllegalArgumentException("--admin-port must be 0-65535, or -1 for none");
    }
    if (adminPort > 0 && adminPort == port && adminHost.equals(host)) {
      throw new IllegalArgumentException("--admin-port must not be the API's port");
    }
    if (maxPendingBytes < 16 * 1024) {
      throw new IllegalArgumentException("--max-pending-bytes must be at least 16384");
    }
  }

  /**
   * The in-memory store on a free port: what most tests start from. (The command line's default
   * store is {@code sqlite}; see {@link Builder}.)
   */
  public static ServerConfig embedded() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.store = store;
    b.cache = cache;
    b.dynamoDbEndpoint = dynamoDbEndpoint;
    b.dynamoDbTable = dynamoDbTable;
    b.redisUrl = redisUrl;
    b.momentoEndpoint = momentoEndpoint;
    b.momentoCache = momentoCache;
    b.postsPerMinute = postsPerMinute;
    b.passwordIterations = passwordIterations;
    b.tokenKey = tokenKey;
    b.senderKey = senderKey;
    b.adminHost = adminHost;
    b.adminPort = adminPort;
    b.maxPendingBytes = maxPendingBytes;
    b.limits = limits;
    b.httpLimits = httpLimits;
    b.allowedOrigins = allowedOrigins;
    b.dataDir = dataDir;
    b.backplane = backplane;
    return b;
  }

  /**
   * Starts from the defaults of docs/configuration.md's table with two exceptions, both for the
   * tests and tools that build a config directly: port 0 (any free port), and the store, which is
   * {@code memory} here and {@code sqlite} on the command line ({@link ServerCommand}, {@code
   * HOOCHAT_STORE}). A test that wants the durable default names it, with its own data directory: a
   * builder that defaulted to {@code sqlite} would make every test share {@code ./data}.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private StoreChoice store = StoreChoice.MEMORY;
    private CacheChoice cache = CacheChoice.MEMORY;
    private Optional<URI> dynamoDbEndpoint = Optional.empty();
    private String dynamoDbTable = "hoochat";
    private URI redisUrl = URI.create("redis://127.0.0.1:6379");
    private Optional<String> momentoEndpoint = Optional.empty();
    private String momentoCache = "hoochat";
    private int postsPerMinute = 120;
    private int passwordIterations = 600_000;
    private Optional<String> tokenKey = Optional.empty();
    private Optional<String> senderKey = Optional.empty();
    private String adminHost = "127.0.0.1";
    private int adminPort = 0;
    private int maxPendingBytes = 256 * 1024;
    private ChatSettings.Limits limits = ChatSettings.Limits.DEFAULT;
    private HttpLimits httpLimits = HttpLimits.defaults();
    private Optional<List<String>> allowedOrigins = Optional.empty();
    private Path dataDir = Path.of(DEFAULT_DATA_DIR);
    private BackplaneChoice backplane = BackplaneChoice.NONE;

    private Builder() {}

    /** How pushes reach sockets held by other servers on the same store (docs/scale-out.md). */
    public Builder backplane(BackplaneChoice value) {
      backplane = value;
      return this;
    }

    /** Where the {@code sqlite} store keeps its database and keys. */
    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    /** The management listener ({@code /metrics}); port -1: none, 0: any free port. */
    public Builder admin(String hostValue, int portValue) {
      adminHost = hostValue;
      adminPort = portValue;
      return this;
    }

    public Builder maxPendingBytes(int value) {
      maxPendingBytes = value;
      return this;
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder store(StoreChoice value) {
      store = value;
      return this;
    }

    public Builder cache(CacheChoice value) {
      cache = value;
      return this;
    }

    public Builder dynamoDb(Optional<URI> endpoint, String table) {
      dynamoDbEndpoint = endpoint;
      dynamoDbTable = table;
      return this;
    }

    public Builder redisUrl(URI value) {
      redisUrl = value;
      return this;
    }

    public Builder momento(Optional<String> endpoint, String cacheName) {
      momentoEndpoint = endpoint;
      momentoCache = cacheName;
      return this;
    }

    public Builder postsPerMinute(int value) {
      postsPerMinute = value;
      return this;
    }

    public Builder passwordIterations(int value) {
      passwordIterations = value;
      return this;
    }

    public Builder keys(Optional<String> token, Optional<String> sender) {
      tokenKey = token;
      senderKey = sender;
      return this;
    }

    /** Per-user limits and sign-in throttling (docs/API.md, Limits). */
    public Builder limits(ChatSettings.Limits value) {
      limits = value;
      return this;
    }

    public Builder httpLimits(HttpLimits value) {
      httpLimits = value;
      return this;
    }

    /**
     * The browser origins allowed to open a WebSocket; empty = the server's own origin ({@code
     * http://HOST:PORT} as it listens, and on a loopback address its other loopback names).
     */
    public Builder allowedOrigins(Optional<List<String>> value) {
      allowedOrigins = value;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          store,
          cache,
          dynamoDbEndpoint,
          dynamoDbTable,
          redisUrl,
          momentoEndpoint,
          momentoCache,
          postsPerMinute,
          passwordIterations,
          tokenKey,
          senderKey,
          adminHost,
          adminPort,
          maxPendingBytes,
          limits,
          httpLimits,
          allowedOrigins,
          dataDir,
          backplane);
    }
  }

  /**
   * What one client may hold of the HTTP layer (docs/hardening-http.md): open connections in total
   * and per client address (0 = no cap), how long a connection may stay silent, and how long a
   * request's head and then its body may take to arrive in full.
   */
  public record HttpLimits(
      int maxConnections,
      int maxConnectionsPerAddress,
      Duration idleTimeout,
      Duration headerTimeout,
      Duration bodyTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    public HttpLimits {
      if (maxConnections < 0) {
        throw new IllegalArgumentException("--max-connections must be 0 (no cap) or more");
      }
      if (maxConnectionsPerAddress < 0) {
        throw new IllegalArgumentException(
            "--max-connections-per-address must be 0 (no cap) or more");
      }
      positive(idleTimeout, "--idle-timeout");
      positive(headerTimeout, "--header-timeout");
      positive(bodyTimeout, "--body-timeout");
    }

    public static HttpLimits defaults() {
      return new HttpLimits(
          DEFAULT_MAX_CONNECTIONS,
          DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
          DEFAULT_IDLE_TIMEOUT,
          DEFAULT_HEADER_TIMEOUT,
          DEFAULT_BODY_TIMEOUT);
    }

    public HttpLimits withConnections(int total, int perAddress) {
      return new HttpLimits(total, perAddress, idleTimeout, headerTimeout, bodyTimeout);
    }

    public HttpLimits withTimeouts(Duration idle, Duration header, Duration body) {
      return new HttpLimits(maxConnections, maxConnectionsPerAddress, idle, header, body);
    }

    private static void positive(Duration value, String option) {
      Objects.requireNonNull(value, option);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(option + " must be more than 0");
      }
    }
  }

  /** {@code --data-dir}'s default: {@code data} under the working directory. */
  public static final String DEFAULT_DATA_DIR = "data";

  /** Where messages, groups and users are kept. */
  public enum StoreChoice {
    /** SQLite in {@link #dataDir}: the command line's default, for one server. */
    SQLITE,
    /** This process's memory: lost on exit. */
    MEMORY,
    /** A DynamoDB table, which several processes may share. */
    DYNAMODB
  }

  /** How a push reaches a socket held by another server on the same store (docs/scale-out.md). */
  public enum BackplaneChoice {
    /** This server is the only one on its store; another live one makes it refuse to start. */
    NONE,
    /** Pushes go through Redis pub/sub ({@code --redis-url}) to the server holding the socket. */
    REDIS
  }

  /** What sits in front of the store. */
  public enum CacheChoice {
    NONE,
    MEMORY,
    REDIS,
    MOMENTO
  }
}
