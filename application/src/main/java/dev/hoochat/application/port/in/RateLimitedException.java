package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import java.time.Duration;

/**
 * The caller posts (or fails to sign in) faster than allowed; they may try again after {@link
 * #retryAfter()}.
 */
public class RateLimitedException extends RetryLaterException {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(Duration retryAfter) {
    this(retryAfter, "too many messages");
  }

  /** {@code what}: what the caller did too often, e.g. "too many failed sign-ins". */
  public RateLimitedException(Duration retryAfter, String what) {
    super(Problem.RATE_LIMITED, what, retryAfter);
  }
}
