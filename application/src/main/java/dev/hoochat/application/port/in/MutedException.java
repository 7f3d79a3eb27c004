package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import java.time.Duration;

/**
 * The caller's posts to this group are muted by its owner until {@link #retryAfter()} has passed.
 * Only the muted author ever receives it.
 */
public class MutedException extends RetryLaterException {
  private static final long serialVersionUID = 1L;

  public MutedException(Duration retryAfter) {
    super(Problem.MUTED, "the group's owner muted your posts here", retryAfter);
  }
}
