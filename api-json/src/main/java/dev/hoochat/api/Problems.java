package dev.hoochat.api;

import dev.hoochat.application.port.in.RetryLaterException;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure a request can meet, turned into the API's answer: one place for REST and WebSocket
 * alike. Refusals become their problem; a store that cannot answer becomes {@code unavailable};
 * anything else is a bug, logged with its stack trace and answered as a 500 that says nothing more.
 */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  /** During an outage every request fails alike: say so once, then how many, every 10 s. */
  private static final OutageLog UNAVAILABLE_LOG = new OutageLog(10_000);

  private Problems() {}

  /** Logs the first failure of a burst and then, at most once per interval, how many followed. */
  static final class OutageLog {
    private final long intervalMillis;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE / 2);

    OutageLog(long intervalMillis) {
      this.intervalMillis = intervalMillis;
    }

    void record(String reason) {
      long now = System.nanoTime() / 1_000_000;
      long last = lastLogged.get();
      if (now - last >= intervalMillis && lastLogged.compareAndSet(last, now)) {
        log.warn(
            "event=store_unavailable answered=503 since_last_line={} reason=\"{}\"",
            suppressed.getAndSet(0),
            reason);
      } else {
        suppressed.incrementAndGet();
      }
    }
  }

  /** What to answer: status, code, detail, and a Retry-After when there is one. */
  public record Answer(
      int status, String title, String code, String detail, Optional<Long> retryAfter) {
    public ApiViews.ProblemView view() {
      return new ApiViews.ProblemView(status, title, code, detail);
    }
  }

  public static Answer of(Throwable failure) {
    if (failure instanceof RetryLaterException later) {
      return answer(later.problem(), later.detail(), Optional.of(later.retryAfterSeconds()));
    }
    if (failure instanceof WireRefusal refused) {
      int status = refused.reason().status();
      return new Answer(
          status, title(status), refused.reason().code(), refused.detail(), Optional.empty());
    }
    if (failure instanceof RefusedException refused) {
      return answer(refused.problem(), refused.detail(), Optional.empty());
    }
    if (failure instanceof StoreUnavailableException unavailable) {
      UNAVAILABLE_LOG.record(unavailable.getMessage());
      return answer(
          Problem.UNAVAILABLE,
          "the store is unreachable; nothing was written, try again",
          Optional.of(1L));
    }
    log.error("event=unexpected_failure", failure);
    return new Answer(
        500, "Internal Server Error", "internal", "something went wrong", Optional.empty());
  }

  /** No route has this path. */
  public static Answer noSuchEndpoint() {
    return new Answer(404, "Not Found", "not_found", "no such endpoint", Optional.empty());
  }

  /** A route has this path, but not this method. */
  public static Answer methodNotAllowed() {
    return new Answer(
        405,
        "Method Not Allowed",
        "method_not_allowed",
        "this endpoint does not take that method",
        Optional.empty());
  }

  /**
   * A WebSocket upgrade from a browser page whose {@code Origin} is not on the server's allow-list
   * (a page on another site must not chat with a token it holds).
   */
  public static Answer forbiddenOrigin() {
    return new Answer(
        403,
        "Forbidden",
        "forbidden_origin",
        "WebSocket connections from this origin are not allowed",
        Optional.empty());
  }

  /**
   * What the HTTP server itself refuses before any route sees the request (a malformed request
   * line, path or header, a header too large, a request that arrives too slowly), by status. The
   * detail is fixed per status: it never echoes what the client sent.
   */
  public static Answer ofStatus(int status) {
    return switch (status) {
      case 400 ->
          new Answer(
              400, title(400), "bad_request", "the request is not valid HTTP", Optional.empty());
      case 404 -> noSuchEndpoint();
      case 405 -> methodNotAllowed();
      case 408 ->
          new Answer(
              408,
              title(408),
              "request_timeout",
              "the request did not arrive in time; the connection is closed",
              Optional.empty());
      case 413 -> of(ApiInputs.tooLarge("a request body"));
      case 414 ->
          new Answer(
              414, title(414), "uri_too_long", "the request URI is too long", Optional.empty());
      case 431 ->
          new Answer(
              431,
              title(431),
              "headers_too_large",
              "the request's headers are too large",
              Optional.empty());
      case 505 ->
          new Answer(
              505,
              title(505),
              "http_version_not_supported",
              "this server speaks HTTP/1.1 (and 1.0)",
              Optional.empty());
      default ->
          new Answer(
              status,
              title(status),
              status >= 500 ? "internal" : "http_" + status,
              status >= 500 ? "something went wrong" : "the request was refused",
              Optional.empty());
    };
  }

  public static Answer answer(Problem problem, String detail, Optional<Long> retryAfter) {
    int status = status(problem.kind());
    return new Answer(status, title(status), problem.code(), detail, retryAfter);
  }

  public static int status(Problem.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNPROCESSABLE -> 422;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }
}
