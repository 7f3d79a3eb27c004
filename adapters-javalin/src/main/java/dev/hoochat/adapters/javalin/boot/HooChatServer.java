package dev.hoochat.adapters.javalin.boot;

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
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.wiring.Backends;
import dev.hoochat.wiring.InvalidSettingException;
import dev.hoochat.wiring.ScaleOut;
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
 * Composition root of the standalone runtime: opens the backends the configuration names (through
 * the wiring, {@link Backends}), and serves the core on Javalin with a WebSocket pusher — wrapped,
 * when this server is one node of several on one store, in the backplane that {@link ScaleOut}
 * opens (docs/scale-out.md).
 */
public final class HooChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HooChatServer.class);

  private final Javalin javalin;
  private final WebSocketApi ws;
  private final Chat chat;
  private final PrometheusPortMetricsAdapter metrics;
  private final Backends backends;
  private final String host;
  private final String adminHost;
  private final Optional<AdminListener> admin;

  private HooChatServer(
      Javalin javalin,
      WebSocketApi ws,
      Chat chat,
      PrometheusPortMetricsAdapter metrics,
      Backends backends,
      String host,
      String adminHost,
      Optional<AdminListener> admin) {
    this.javalin = javalin;
    this.ws = ws;
    this.chat = chat;
    this.metrics = metrics;
    this.backends = backends;
    this.host = host;
    this.adminHost = adminHost;
    this.admin = admin;
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
    Backends backends = null;
    try {
      PrometheusPortMetricsAdapter metrics = new PrometheusPortMetricsAdapter();
      backends = Backends.open(config.settings(), metrics, wrapCache);
      QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
      threads.setName("http");
      WebSocketPusherAdapter pusher =
          new WebSocketPusherAdapter(metrics, config.maxPendingBytes(), threads);
      ScaleOut node = backends.scaleOut();
      Chat chat = backends.assemble(node.pusher(pusher, pusher::userOf));

      HttpApi http = new HttpApi(chat);
      WebSocketApi ws = new WebSocketApi(chat, pusher, backends.ids(), node.node());
      ws.admitWhile(node::admits);
      node.attach(chat, ws::restartAll);
      WebClientFiles page = new WebClientFiles();
      ServerConfig.HttpLimits limits = config.httpLimits();
      Javalin javalin =
          Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
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
      try {
        javalin.start();
      } catch (RuntimeException e) {
        if (isBindFailure(e)) {
          throw new StartupException(
              "port "
                  + config.port()
                  + " on "
                  + config.host()
                  + " is in use; choose another --port (0 = any free port)",
              e);
        }
        throw e;
      }
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
          "event=started host={} port={} admin={} {} max_connections={}"
              + " max_connections_per_address={} allowed_origins={}",
          config.host(),
          javalin.port(),
          admin.map(a -> config.adminHost() + ":" + a.port()).orElse("none"),
          backends.describe(),
          limits.maxConnections(),
          limits.maxConnectionsPerAddress(),
          ws.allowedOrigins());
      return new HooChatServer(
          javalin, ws, chat, metrics, backends, config.host(), config.adminHost(), admin);
    } catch (RuntimeException e) {
      if (backends != null) {
        backends.close();
      }
      if (e instanceof StartupException) {
        throw e;
      }
      if (e instanceof InvalidSettingException) {
        throw new StartupException(e.getMessage(), e);
      }
      throw new StartupException("could not start: " + e.getMessage(), e);
    }
  }

  /** Jetty could not listen: another process has the port (Javalin's own line is filtered). */
  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || t.getClass().getSimpleName().equals("JavalinBindException")) {
        return true;
      }
    }
    return false;
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
    return backends.dataDirectory();
  }

  /** One line for the operator: where the data is kept, or that it is not. */
  public String whereTheDataLives() {
    return backends.whereTheDataLives();
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
    backends.close();
    log.info("event=stopped");
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
