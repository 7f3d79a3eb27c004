package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;

/**
 * The caller's posts to this group are muted by its owner until {@link #retryAfter()} has passed.
 * Only the muted author ever receives it.
 */
public class MutedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public MutedException(Duration retryAfter) {
    super(
        Problem.MUTED,
        "the group's owner muted your posts here; try again in " + seconds(retryAfter) + " s");
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
