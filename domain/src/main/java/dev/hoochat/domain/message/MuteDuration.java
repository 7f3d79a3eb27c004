package dev.hoochat.domain.message;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;

/** How long an owner mutes a message's author: 1 to 10080 minutes (a week). */
public record MuteDuration(int minutes) {
  public static final int MIN_MINUTES = 1;
  public static final int MAX_MINUTES = 10_080;

  public MuteDuration {
    if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
      throw new RefusedException(
          Problem.INVALID_MUTE,
          "minutes must be " + MIN_MINUTES + " to " + MAX_MINUTES + "; got " + minutes);
    }
  }

  public Duration duration() {
    return Duration.ofMinutes(minutes);
  }
}
