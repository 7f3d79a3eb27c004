package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;

/** The caller posts faster than allowed; they may try again after {@link #retryAfter()}. */
public class RateLimitedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super(Problem.RATE_LIMITED, "too many messages; try again in " + seconds(retryAfter) + " s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, rounded up, at least 1: what a {@code Retry-After} header carries. */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
