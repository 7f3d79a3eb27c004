package dev.hoochat.domain.invite;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the owner asks of a new invite: how many may join with it (1–256, default 1) and how long it
 * lives (60 s to 7 days, default 1 day).
 */
public record InviteTerms(int maxUses, Duration ttl) {
  public static final int MAX_USES = 256;
  public static final int DEFAULT_USES = 1;
  public static final long MIN_TTL_SECONDS = 60;
  public static final long MAX_TTL_SECONDS = 604_800;
  public static final long DEFAULT_TTL_SECONDS = 86_400;

  public InviteTerms {
    if (maxUses < 1 || maxUses > MAX_USES) {
      throw new RefusedException(
          Problem.INVALID_INVITE, "maxUses must be 1 to " + MAX_USES + "; got " + maxUses);
    }
    long seconds = ttl.getSeconds();
    if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS || ttl.getNano() != 0) {
      throw new RefusedException(
          Problem.INVALID_INVITE,
          "ttlSeconds must be " + MIN_TTL_SECONDS + " to " + MAX_TTL_SECONDS + "; got " + seconds);
    }
  }

  /** The terms of a request, each absent field at its default. */
  public static InviteTerms of(OptionalInt maxUses, OptionalLong ttlSeconds) {
    long seconds = ttlSeconds.orElse(DEFAULT_TTL_SECONDS);
    if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) {
      throw new RefusedException(
          Problem.INVALID_INVITE,
          "ttlSeconds must be " + MIN_TTL_SECONDS + " to " + MAX_TTL_SECONDS + "; got " + seconds);
    }
    return new InviteTerms(maxUses.orElse(DEFAULT_USES), Duration.ofSeconds(seconds));
  }

  public static InviteTerms defaults() {
    return new InviteTerms(DEFAULT_USES, Duration.ofSeconds(DEFAULT_TTL_SECONDS));
  }
}
