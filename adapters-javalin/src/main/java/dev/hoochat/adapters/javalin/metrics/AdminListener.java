package dev.hoochat.adapters.javalin.metrics;

import io.javalin.Javalin;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The management listener: {@code GET /metrics} (Prometheus text) and {@code GET /health}, on a
 * port of their own, never the API's. Metrics describe the whole server's traffic, which a member
 * must not be able to read (see docs/anonymity.md), so they are bound to loopback unless an
 * operator says otherwise, and never served where clients connect.
 */
public final class AdminListener implements AutoCloseable {
  private final Javalin javalin;

  private AdminListener(Javalin javalin) {
    this.javalin = javalin;
  }

  /** Starts listening on {@code host:port} (port 0: any free port). */
  public static AdminListener start(String host, int port, Supplier<String> metrics) {
    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              QueuedThreadPool threads = new QueuedThreadPool(8, 2, 60_000);
              threads.setName("admin");
              cfg.jetty.threadPool = threads;
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.get()));
              cfg.routes.get(
                  "/health",
                  ctx ->
                      ctx.contentType("application/json; charset=utf-8")
                          .result("{\"status\":\"ok\"}"));
            });
    javalin.start();
    return new AdminListener(javalin);
  }

  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
