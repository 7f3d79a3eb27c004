package dev.hoochat.adapters.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server standing in for API Gateway's {@code @connections} endpoint: records every
 * request the real SDK client sends, answers 200, or 410 Gone (with the Management API's error
 * type) for connections marked gone.
 */
final class ConnectionsEndpointStub implements AutoCloseable {
  static final String STAGE = "prod";

  /** One request as it arrived. */
  record Received(String method, String path, String body, String authorization) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private volatile CountDownLatch together = new CountDownLatch(0);

  ConnectionsEndpointStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE);
  }

  void markGone(String connectionId) {
    gone.add(connectionId);
  }

  /**
   * Holds each request until {@code count} are in flight at once (or 5 s passed), so a test can
   * tell concurrent pushes from one-by-one pushes without timing anything.
   */
  void holdUntilInFlight(int count) {
    together = new CountDownLatch(count);
  }

  int mostInFlight() {
    return mostInFlight.get();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              path,
              body,
              exchange.getRequestHeaders().getFirst("Authorization")));
      CountDownLatch latch = together;
      latch.countDown();
      latch.await(5, TimeUnit.SECONDS);
      String id = path.substring(path.lastIndexOf('/') + 1);
      if (gone.contains(id)) {
        byte[] answer = "{\"message\":null}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(410, answer.length);
        exchange.getResponseBody().write(answer);
      } else {
        exchange.sendResponseHeaders(200, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(500, -1);
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
