package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.javalin.jetty.BodyFirstHandler;
import dev.hoochat.adapters.javalin.jetty.GuardedConnector;
import dev.hoochat.adapters.javalin.jetty.ProblemErrorHandler;
import dev.hoochat.adapters.javalin.jetty.RequestHygieneFilter;
import dev.hoochat.adapters.javalin.metrics.AdminListener;
import dev.hoochat.adapters.javalin.metrics.PrometheusPortMetricsAdapter;
import dev.hoochat.adapters.javalin.web.HttpApi;
import dev.hoochat.adapters.javalin.web.WebClientFiles;
import dev.hoochat.adapters.javalin.web.WebSocketApi;
import dev.hoochat.adapters.javalin.web.WebSocketPusherAdapter;
import dev.hoochat.adapters.memory.MemoryCacheAdapter;
import dev.hoochat.adapters.memory.MemoryConnectionStoreAdapter;
import dev.hoochat.adapters.memory.MemoryGroupLocksAdapter;
import dev.hoochat.adapters.memory.MemoryGroupStoreAdapter;
import dev.hoochat.adapters.memory.MemoryMessageLogAdapter;
import dev.hoochat.adapters.memory.MemoryUserStoreAdapter;
import dev.hoochat.adapters.momento.MomentoCacheAdapter;
import dev.hoochat.adapters.momento.MomentoProfile;
import dev.hoochat.adapters.momento.MomentoSettings;
import dev.hoochat.adapters.redis.RedisCacheAdapter;
import dev.hoochat.adapters.redis.RedisSettings;
import dev.hoochat.adapters.sqlite.KeyFile;
import dev.hoochat.adapters.sqlite.SqliteSetupException;
import dev.hoochat.adapters.sqlite.SqliteStores;
import dev.hoochat.adapters.system.SecureRandomIdSourceAdapter;
import dev.hoochat.adapters.system.SystemClockAdapter;
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.assembly.ChatCore;
import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.application.assembly.ConfiguredKeys;
import dev.hoochat.application.assembly.Secrets;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.IdSource;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the standalone runtime: builds every adapter the configuration names,
 * assembles the core, and serves it on Javalin. The only place (with the Lambda root) that names
 * concrete adapters.
 */
public final class HooChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HooChatServer.class);

  private final Javalin javalin;
  private final WebSocketApi ws;
  private final Chat chat;
  private final PrometheusPortMetricsAdapter metrics;
  private final List<AutoCloseable> resources;
  private final String host;
  private final String adminHost;
  private final Optional<AdminListener> admin;
  private final Optional<Path> dataDirectory;

  private HooChatServer(
      Javalin javalin,
      WebSocketApi ws,
      Chat chat,
      PrometheusPortMetricsAdapter metrics,
      List<AutoCloseable> resources,
      String host,
      String adminHost,
      Optional<AdminListener> admin,
      Optional<Path> dataDirectory) {
    this.javalin = javalin;
    this.ws = ws;
    this.chat = chat;
    this.metrics = metrics;
    this.resources = resources;
    this.host = host;
    this.adminHost = adminHost;
    this.admin = admin;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Builds and starts a server. Fails with {@link StartupException} (a one-line reason) when a
   * setting is wrong or a required service does not answer.
   */
  public static HooChatServer start(ServerConfig config) {
    return start(config, UnaryOperator.identity());
  }

  /**
   * Starts a server whose cache adapter is wrapped before use — for tools that watch what the cache
   * is given (the anonymity test, the cost comparison's meters).
   */
  public static HooChatServer start(ServerConfig config, UnaryOperator<CacheStore> wrapCache) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Clock clock = new SystemClockAdapter();
      IdSource ids = new SecureRandomIdSourceAdapter();
      PrometheusPortMetricsAdapter metrics = new PrometheusPortMetricsAdapter();
      WebSocketPusherAdapter pusher = new WebSocketPusherAdapter(metrics, config.maxPendingBytes());
      Stores stores = stores(config, metrics, resources);
      ScaleOut scaleOut = ScaleOut.open(config, metrics, clock, ids, resources);
      Secrets secrets = secrets(config, stores, ids);
      Optional<CacheStore> cache = cache(config, clock, resources).map(wrapCache);

      Chat chat =
          ChatCore.assemble(
              new ChatCore.Outbound(
                  stores.users(),
                  stores.groups(),
                  stores.messages(),
                  scaleOut.locks(stores.locks()),
                  stores.connections(),
                  cache,
                  scaleOut.pusher(pusher, secrets.senderKey()),
                  clock,
                  ids,
                  secrets,
                  metrics),
              ChatSettings.defaults()
                  .withPasswordIterations(config.passwordIterations())
                  .withPostsPerMinute(config.postsPerMinute())
                  .withLimits(config.limits()));

      HttpApi http = new HttpApi(chat);
      WebSocketApi ws = new WebSocketApi(chat, pusher, ids, scaleOut.node());
      scaleOut.attach(chat, ws);
      WebClientFiles page = new WebClientFiles();
      ServerConfig.HttpLimits limits = config.httpLimits();
      Javalin javalin =
          Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
                QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
                threads.setName("http");
                cfg.jetty.threadPool = threads;
                cfg.jetty.modifyServer(server -> harden(server, limits));
                cfg.jetty.modifyServletContextHandler(
                    context -> {
                      RequestHygieneFilter.removeSessions(context);
                      context.addFilter(
                          new FilterHolder(new RequestHygieneFilter()),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST));
                      context.setErrorHandler(new ProblemErrorHandler.InServletContext());
                    });
                cfg.jetty.addConnector(
                    (server, httpConfiguration) -> {
                      GuardedConnector connector =
                          new GuardedConnector(
                              server,
                              httpConfiguration,
                              limits.maxConnections(),
                              limits.maxConnectionsPerAddress(),
                              limits.headerTimeout());
                      connector.setHost(config.host());
                      connector.setPort(config.port());
                      connector.setIdleTimeout(limits.idleTimeout().toMillis());
                      return connector;
                    });
                http.register(cfg);
                ws.register(cfg);
                page.register(cfg);
              });
      javalin.start();
      Optional<AdminListener> admin;
      try {
        admin =
            config.adminPort() < 0
                ? Optional.empty()
                : Optional.of(
                    AdminListener.start(config.adminHost(), config.adminPort(), metrics::scrape));
      } catch (RuntimeException e) {
        javalin.stop();
        throw new StartupException(
            "the management listener cannot listen on "
                + config.adminHost()
                + ":"
                + config.adminPort()
                + " ("
                + e.getMessage()
                + "); choose another --admin-port, or -1 for none",
            e);
      }
      ws.allowOrigins(
          AllowedOrigins.of(
              config.allowedOrigins().orElse(defaultOrigins(config.host(), javalin.port()))));
      log.info(
          "event=started host={} port={} admin={} store={} cache={} max_connections={}"
              + " max_connections_per_address={} allowed_origins={}",
          config.host(),
          javalin.port(),
          admin.map(a -> config.adminHost() + ":" + a.port()).orElse("none"),
          config.store().name().toLowerCase(java.util.Locale.ROOT),
          config.cache().name().toLowerCase(java.util.Locale.ROOT),
          limits.maxConnections(),
          limits.maxConnectionsPerAddress(),
          ws.allowedOrigins());
      return new HooChatServer(
          javalin,
          ws,
          chat,
          metrics,
          resources,
          config.host(),
          config.adminHost(),
          admin,
          stores.sqlite().map(SqliteStores::directory));
    } catch (RuntimeException e) {
      closeAll(resources);
      if (e instanceof StartupException) {
        throw e;
      }
      throw new StartupException("could not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return javalin.port();
  }

  /** The Jetty server underneath, for tests that look at what it holds (no session handler). */
  public Server jetty() {
    return javalin.jettyServer().server();
  }

  /**
   * Jetty's part of docs/hardening-http.md: Jetty's own errors answered as problem+json, and every
   * request body read in full, without a thread, before a handler gets the request.
   */
  private static void harden(Server server, ServerConfig.HttpLimits limits) {
    server.setStopTimeout(5_000);
    server.setErrorHandler(new ProblemErrorHandler());
    server.insertHandler(new BodyFirstHandler(limits.bodyTimeout()));
  }

  /** {@code http://HOST:PORT} as the server listens: the WebSocket's default allowed origin. */
  static String ownOrigin(String host, int port) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }

  /**
   * The WebSocket's allowed browser origins when none are configured: the server's own origin. On a
   * loopback address a person may open the page as {@code http://localhost:PORT}, {@code
   * http://127.0.0.1:PORT} or {@code http://[::1]:PORT} — the same server on the same machine — so
   * all three are allowed; on any other address only the origin it listens on.
   */
  static List<String> defaultOrigins(String host, int port) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    List<String> origins = new ArrayList<>(List.of(ownOrigin(host, port)));
    if (LOOPBACK_NAMES.contains(bare.toLowerCase(java.util.Locale.ROOT))) {
      for (String alias : List.of("127.0.0.1", "localhost", "::1")) {
        String origin = ownOrigin(alias, port);
        if (!origins.contains(origin)) {
          origins.add(origin);
        }
      }
    }
    return List.copyOf(origins);
  }

  private static final java.util.Set<String> LOOPBACK_NAMES =
      java.util.Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

  public String baseUrl() {
    return "http://" + host + ":" + port();
  }

  public Chat chat() {
    return chat;
  }

  /** The management listener's base URL ({@code /metrics}), if it has one. */
  public Optional<String> adminUrl() {
    return admin.map(a -> "http://" + adminHost + ":" + a.port());
  }

  /** Where the {@code sqlite} store keeps the data (absolute); empty with the other stores. */
  public Optional<Path> dataDirectory() {
    return dataDirectory;
  }

  /** The Prometheus text the management listener's {@code /metrics} answers. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  /** Stops accepting, lets requests in flight finish (5 s at most), then closes the clients. */
  @Override
  public void close() {
    admin.ifPresent(AdminListener::close);
    ws.closeAll(Duration.ofSeconds(2));
    javalin.stop();
    closeAll(resources);
    log.info("event=stopped");
  }

  /**
   * The stores, and the group locks. The locks are in process with every store: this server is the
   * one process posting to its store, so ordering a group's posts among its own threads orders them
   * for every connection (SQLite's data directory is locked to one process). Several servers on one
   * DynamoDB table ({@code --backplane redis}) use the table's leases instead: {@link ScaleOut}.
   */
  private record Stores(
      dev.hoochat.application.port.out.UserStore users,
      dev.hoochat.application.port.out.GroupStore groups,
      dev.hoochat.application.port.out.MessageLog messages,
      dev.hoochat.application.port.out.ConnectionStore connections,
      GroupLocks locks,
      Optional<SqliteStores> sqlite) {}

  private static Stores stores(
      ServerConfig config, PrometheusPortMetricsAdapter metrics, List<AutoCloseable> resources) {
    return switch (config.store()) {
      case MEMORY ->
          new Stores(
              new MemoryUserStoreAdapter(),
              new MemoryGroupStoreAdapter(),
              new MemoryMessageLogAdapter(),
              new MemoryConnectionStoreAdapter(),
              new MemoryGroupLocksAdapter(),
              Optional.empty());
      case SQLITE -> {
        SqliteStores sqlite;
        try {
          sqlite = SqliteStores.open(config.dataDir());
        } catch (SqliteSetupException e) {
          throw new StartupException(e.getMessage(), e);
        }
        resources.add(sqlite);
        yield new Stores(
            sqlite.users(),
            sqlite.groups(),
            sqlite.messages(),
            sqlite.connections(),
            new MemoryGroupLocksAdapter(),
            Optional.of(sqlite));
      }
      case DYNAMODB -> {
        DynamoDbStores dynamo = DynamoDbStores.connect(dynamoDbSettings(config), metrics);
        resources.add(dynamo);
        dynamo.requireTable();
        yield new Stores(
            dynamo.users(),
            dynamo.groups(),
            dynamo.messages(),
            dynamo.connections(),
            new MemoryGroupLocksAdapter(),
            Optional.empty());
      }
    };
  }

  private static Optional<CacheStore> cache(
      ServerConfig config, Clock clock, List<AutoCloseable> resources) {
    return switch (config.cache()) {
      case NONE -> Optional.empty();
      case MEMORY ->
          Optional.of(new MemoryCacheAdapter(clock, MemoryCacheAdapter.DEFAULT_MAX_ENTRIES));
      case REDIS -> {
        RedisCacheAdapter redis =
            RedisCacheAdapter.connect(RedisSettings.fromUrl(config.redisUrl().toString()));
        resources.add(redis);
        redis.checkReachable();
        yield Optional.of(redis);
      }
      case MOMENTO -> {
        MomentoSettings settings =
            config
                .momentoEndpoint()
                .map(endpoint -> MomentoSettings.local(endpoint, config.momentoCache()))
                .orElseGet(
                    () ->
                        MomentoSettings.service(
                            System.getenv("MOMENTO_API_KEY"),
                            config.momentoCache(),
                            MomentoProfile.IN_REGION));
        MomentoCacheAdapter momento = MomentoCacheAdapter.start(settings);
        resources.add(momento);
        yield Optional.of(momento);
      }
    };
  }

  /** Where the table is: a given endpoint (a local server), or AWS in {@code AWS_REGION}. */
  static DynamoDbSettings dynamoDbSettings(ServerConfig config) {
    return config
        .dynamoDbEndpoint()
        .map(endpoint -> DynamoDbSettings.local(endpoint, config.dynamoDbTable()))
        .orElseGet(
            () ->
                DynamoDbSettings.aws(
                    Optional.ofNullable(System.getenv("AWS_REGION"))
                        .orElse(DynamoDbSettings.DEFAULT_REGION),
                    config.dynamoDbTable()));
  }

  /**
   * The signing and sender-tag keys ({@link ConfiguredKeys}: required with a durable store). With
   * {@code sqlite}, a key the operator did not configure comes from the data directory's keys file,
   * which the first start generates: a configured key always wins.
   */
  private static Secrets secrets(ServerConfig config, Stores stores, IdSource ids) {
    Optional<String> tokenKey = config.tokenKey();
    Optional<String> senderKey = config.senderKey();
    if (stores.sqlite().isPresent() && (tokenKey.isEmpty() || senderKey.isEmpty())) {
      KeyFile.Keys kept;
      try {
        kept = stores.sqlite().get().keys();
      } catch (SqliteSetupException e) {
        throw new StartupException(e.getMessage(), e);
      }
      tokenKey = tokenKey.or(() -> Optional.of(kept.tokenKey()));
      senderKey = senderKey.or(() -> Optional.of(kept.senderKey()));
    }
    try {
      return ConfiguredKeys.secrets(
          tokenKey, senderKey, config.store() != ServerConfig.StoreChoice.MEMORY, ids);
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn(
            "event=close_failed resource={} reason=\"{}\"",
            resource.getClass().getSimpleName(),
            e.getMessage());
      }
    }
  }

  /** The server cannot start as configured; the message is one line for an operator. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
      super(message);
    }

    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
