package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;

/**
 * A refusal the caller may try again after {@link #retryAfter()}: a rate limit, or a mute. Every
 * inbound adapter answers it with its problem and a {@code Retry-After}.
 */
public abstract class RetryLaterException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /** {@code why}: the refusal in words; the detail adds when to try again. */
  protected RetryLaterException(Problem problem, String why, Duration retryAfter) {
    super(problem, why + "; try again in " + seconds(retryAfter) + " s");
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
