package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;

/**
 * The caller posts (or fails to sign in) faster than allowed; they may try again after {@link
 * #retryAfter()}.
 */
public class RateLimitedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    this(retryAfter, "too many messages");
  }

  /** {@code what}: what the caller did too often, e.g. "too many failed sign-ins". */
  public RateLimitedException(Duration retryAfter, String what) {
    super(Problem.RATE_LIMITED, what + "; try again in " + seconds(retryAfter) + " s");
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
