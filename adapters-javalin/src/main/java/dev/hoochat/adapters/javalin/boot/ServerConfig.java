package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.wiring.BackplaneChoice;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.Options;
import dev.hoochat.wiring.RunsOn;
import dev.hoochat.wiring.Settings;
import dev.hoochat.wiring.StoreChoice;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The standalone server's {@link Settings}, with typed accessors and a builder for the tests and
 * tools that configure a server in code. The values, their defaults and their checks are the
 * table's ({@link Options}); {@link ServerCommand} reads the same table from the command line.
 */
public record ServerConfig(Settings settings) {

  public ServerConfig {
    Objects.requireNonNull(settings, "settings");
    if (settings.runsOn() != RunsOn.STANDALONE) {
      throw new IllegalArgumentException("not the standalone server's settings");
    }
    settings.requireConsistent();
  }

  /** The in-memory store on a free port: what most tests start from (see {@link Builder}). */
  public static ServerConfig embedded() {
    return builder().build();
  }

  /**
   * Starts from the table's defaults with three exceptions, for the tests and tools that build a
   * config directly: port 0 and admin port 0 (any free port), and the store, {@code memory} here
   * and {@code sqlite} on the command line. A test that wants the durable default names it, with
   * its own data directory: a builder that defaulted to {@code sqlite} would make every test share
   * {@code ./data}.
   */
  public static Builder builder() {
    return new Builder(
        Settings.defaults(RunsOn.STANDALONE)
            .with(Options.PORT, 0)
            .with(Options.ADMIN_PORT, 0)
            .with(Options.STORE, StoreChoice.MEMORY));
  }

  public Builder toBuilder() {
    return new Builder(settings);
  }

  public String host() {
    return settings.get(Options.HOST);
  }

  public int port() {
    return settings.get(Options.PORT);
  }

  public StoreChoice store() {
    return settings.get(Options.STORE);
  }

  public CacheChoice cache() {
    return settings.get(Options.CACHE);
  }

  public BackplaneChoice backplane() {
    return settings.get(Options.BACKPLANE);
  }

  public Optional<URI> dynamoDbEndpoint() {
    return settings.get(Options.DYNAMODB_ENDPOINT);
  }

  public String dynamoDbTable() {
    return settings.get(Options.DYNAMODB_TABLE);
  }

  public URI redisUrl() {
    return URI.create(settings.get(Options.REDIS_URL));
  }

  public Optional<String> momentoEndpoint() {
    return settings.get(Options.MOMENTO_ENDPOINT);
  }

  public String momentoCache() {
    return settings.get(Options.MOMENTO_CACHE);
  }

  public int postsPerMinute() {
    return settings.get(Options.POST_LIMIT);
  }

  public int passwordIterations() {
    return settings.get(Options.PASSWORD_ITERATIONS);
  }

  public Optional<String> tokenKey() {
    return settings.get(Options.TOKEN_KEY);
  }

  public Optional<String> senderKey() {
    return settings.get(Options.SENDER_KEY);
  }

  public String adminHost() {
    return settings.get(Options.ADMIN_HOST);
  }

  public int adminPort() {
    return settings.get(Options.ADMIN_PORT);
  }

  public int maxPendingBytes() {
    return settings.get(Options.MAX_PENDING_BYTES);
  }

  public ChatSettings.Limits limits() {
    return settings.limits();
  }

  public HttpLimits httpLimits() {
    return HttpLimits.of(settings);
  }

  public Optional<List<String>> allowedOrigins() {
    return settings.get(Options.ALLOWED_ORIGINS);
  }

  public Path dataDir() {
    return Path.of(settings.get(Options.DATA_DIR));
  }

  /** Sets options in code; each is checked as the command line checks it. */
  public static final class Builder {
    private Settings settings;

    private Builder(Settings settings) {
      this.settings = settings;
    }

    /** Where the {@code sqlite} store keeps its database and keys. */
    public Builder dataDir(Path value) {
      settings = settings.with(Options.DATA_DIR, value.toString());
      return this;
    }

    /** The management listener ({@code /metrics}); port -1: none, 0: any free port. */
    public Builder admin(String hostValue, int portValue) {
      settings = settings.with(Options.ADMIN_HOST, hostValue).with(Options.ADMIN_PORT, portValue);
      return this;
    }

    public Builder maxPendingBytes(int value) {
      settings = settings.with(Options.MAX_PENDING_BYTES, value);
      return this;
    }

    public Builder host(String value) {
      settings = settings.with(Options.HOST, value);
      return this;
    }

    public Builder port(int value) {
      settings = settings.with(Options.PORT, value);
      return this;
    }

    public Builder store(StoreChoice value) {
      settings = settings.with(Options.STORE, value);
      return this;
    }

    public Builder cache(CacheChoice value) {
      settings = settings.with(Options.CACHE, value);
      return this;
    }

    /** How pushes reach sockets held by other servers on the same store (docs/scale-out.md). */
    public Builder backplane(BackplaneChoice value) {
      settings = settings.with(Options.BACKPLANE, value);
      return this;
    }

    public Builder dynamoDb(Optional<URI> endpoint, String table) {
      settings =
          settings.with(Options.DYNAMODB_ENDPOINT, endpoint).with(Options.DYNAMODB_TABLE, table);
      return this;
    }

    public Builder redisUrl(URI value) {
      settings = settings.with(Options.REDIS_URL, value.toString());
      return this;
    }

    public Builder momento(Optional<String> endpoint, String cacheName) {
      settings =
          settings.with(Options.MOMENTO_ENDPOINT, endpoint).with(Options.MOMENTO_CACHE, cacheName);
      return this;
    }

    public Builder postsPerMinute(int value) {
      settings = settings.with(Options.POST_LIMIT, value);
      return this;
    }

    public Builder passwordIterations(int value) {
      settings = settings.with(Options.PASSWORD_ITERATIONS, value);
      return this;
    }

    public Builder keys(Optional<String> token, Optional<String> sender) {
      settings = settings.with(Options.TOKEN_KEY, token).with(Options.SENDER_KEY, sender);
      return this;
    }

    /** Per-user limits and sign-in throttling (docs/API.md, Limits). */
    public Builder limits(ChatSettings.Limits value) {
      settings =
          settings
              .with(Options.WEBSOCKETS_PER_USER, value.connectionsPerUser())
              .with(Options.GROUPS_OWNED_PER_USER, value.groupsOwned())
              .with(Options.GROUPS_JOINED_PER_USER, value.groupsJoined())
              .with(Options.SIGN_IN_FREE_FAILURES, value.signInFreeFailures())
              .with(Options.SIGN_IN_MAX_BACKOFF, value.signInMaxBackoff());
      return this;
    }

    public Builder httpLimits(HttpLimits value) {
      settings =
          settings
              .with(Options.MAX_CONNECTIONS, value.maxConnections())
              .with(Options.MAX_CONNECTIONS_PER_ADDRESS, value.maxConnectionsPerAddress())
              .with(Options.IDLE_TIMEOUT, value.idleTimeout())
              .with(Options.HEADER_TIMEOUT, value.headerTimeout())
              .with(Options.BODY_TIMEOUT, value.bodyTimeout());
      return this;
    }

    /**
     * The browser origins allowed to open a WebSocket; empty = the server's own origin ({@code
     * http://HOST:PORT} as it listens, and on a loopback address its other loopback names).
     */
    public Builder allowedOrigins(Optional<List<String>> value) {
      settings = settings.with(Options.ALLOWED_ORIGINS, value.map(List::copyOf));
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(settings);
    }
  }

  /**
   * What one client may hold of the HTTP layer (docs/hardening-http.md): open connections in total
   * and per client address (0 = no cap), how long a connection may stay silent, and how long a
   * request's head and then its body may take to arrive in full. Checked by the table's rows when
   * set ({@link Builder#httpLimits}).
   */
  public record HttpLimits(
      int maxConnections,
      int maxConnectionsPerAddress,
      Duration idleTimeout,
      Duration headerTimeout,
      Duration bodyTimeout) {

    /** The table's defaults. */
    public static HttpLimits defaults() {
      return of(Settings.defaults(RunsOn.STANDALONE));
    }

    static HttpLimits of(Settings settings) {
      return new HttpLimits(
          settings.get(Options.MAX_CONNECTIONS),
          settings.get(Options.MAX_CONNECTIONS_PER_ADDRESS),
          settings.get(Options.IDLE_TIMEOUT),
          settings.get(Options.HEADER_TIMEOUT),
          settings.get(Options.BODY_TIMEOUT));
    }

    public HttpLimits withConnections(int total, int perAddress) {
      return new HttpLimits(total, perAddress, idleTimeout, headerTimeout, bodyTimeout);
    }

    public HttpLimits withTimeouts(Duration idle, Duration header, Duration body) {
      return new HttpLimits(maxConnections, maxConnectionsPerAddress, idle, header, body);
    }
  }
}
