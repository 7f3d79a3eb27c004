package dev.hoochat.adapters.lambda.localruntime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The Lambda Runtime API on loopback: what the Lambda service offers a function's runtime inside an
 * execution environment. A runtime long-polls {@code GET /2018-06-01/runtime/invocation/next} for
 * an event and answers on {@code …/invocation/{id}/response} or {@code …/error}; a failed start is
 * reported on {@code /2018-06-01/runtime/init/error}. {@link #invoke} hands one event to whichever
 * runtime polls next and waits for its answer, as one invocation of the function.
 */
public final class RuntimeApi implements AutoCloseable {
  static {
    // The JDK server otherwise leaves Nagle's algorithm on: every small answer then waits for the
    // runtime's delayed ACK, ~40 ms twice per invocation.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> running = new ConcurrentHashMap<>();
  private final String functionArn;
  private volatile String initError;
  private volatile boolean closed;

  /** The function's answer was an error (a thrown exception in the handler). */
  public static final class FunctionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FunctionError(String payload) {
      super("the function answered with an error: " + payload);
    }
  }

  private record Invocation(String id, byte[] event, CompletableFuture<String> answer) {}

  public RuntimeApi(String functionName) {
    this.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(PREFIX, this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * One invocation: the answer's body. Fails with {@link FunctionError} when the handler threw, and
   * with an {@link IllegalStateException} when the runtime could not start, died ({@code alive}
   * turned false) or did not answer in time.
   */
  public String invoke(String event, Duration timeout, BooleanSupplier alive) {
    Invocation invocation =
        new Invocation(
            UUID.randomUUID().toString(),
            event.getBytes(StandardCharsets.UTF_8),
            new CompletableFuture<>());
    pending.add(invocation);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      failIfBroken(alive);
      try {
        return invocation.answer().get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          pending.remove(invocation);
          throw new IllegalStateException("no answer within " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the function", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private void failIfBroken(BooleanSupplier alive) {
    if (initError != null) {
      throw new IllegalStateException("the function failed to start: " + initError);
    }
    if (!alive.getAsBoolean()) {
      throw new IllegalStateException("the function's runtime exited");
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
        next(exchange);
      } else if (path.equals("init/error")) {
        initError = new String(body, StandardCharsets.UTF_8);
        respond(exchange, 202, "{}");
      } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
        complete(exchange, path, "/response").complete(new String(body, StandardCharsets.UTF_8));
        respond(exchange, 202, "{}");
      } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
        complete(exchange, path, "/error")
            .completeExceptionally(new FunctionError(new String(body, StandardCharsets.UTF_8)));
        respond(exchange, 202, "{}");
      } else {
        respond(exchange, 404, "{\"errorType\":\"NotFound\"}");
      }
    }
  }

  private CompletableFuture<String> complete(HttpExchange exchange, String path, String suffix) {
    String id = path.substring("invocation/".length(), path.length() - suffix.length());
    Invocation invocation = running.remove(id);
    return invocation == null ? new CompletableFuture<>() : invocation.answer();
  }

  private void next(HttpExchange exchange) throws IOException {
    Invocation invocation = null;
    while (invocation == null && !closed) {
      try {
        invocation = pending.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (invocation == null) {
      return;
    }
    running.put(invocation.id(), invocation);
    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
    exchange
        .getResponseHeaders()
        .add(
            "Lambda-Runtime-Deadline-Ms",
            Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-local-" + invocation.id());
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, invocation.event().length);
    exchange.getResponseBody().write(invocation.event());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
