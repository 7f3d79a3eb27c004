package dev.hoochat.application.service;

import dev.hoochat.application.port.out.Clock;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast each user may post: a token bucket per user that refills {@code perMinute} tokens a
 * minute and holds a burst of a quarter of that (at least 5). Kept in this process: on Lambda it
 * limits per execution environment, which bounds abuse without a round trip per post.
 */
public final class PostRateLimit {
  private static final int MAX_TRACKED_USERS = 100_000;

  private final int perMinute;
  private final double burst;
  private final Clock clock;
  private final ConcurrentHashMap<UserId, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perMinute} 0 turns the limit off. */
  public PostRateLimit(int perMinute, Clock clock) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("post limit must not be negative");
    }
    this.perMinute = perMinute;
    this.burst = Math.max(5, perMinute / 4.0);
    this.clock = clock;
  }

  /** Takes one post from the user's allowance; answers how long to wait when there is none. */
  public Optional<Duration> tryAcquire(UserId user) {
    if (perMinute == 0) {
      return Optional.empty();
    }
    Instant now = clock.now();
    if (buckets.size() > MAX_TRACKED_USERS) {
      buckets.values().removeIf(b -> b.isFull(now));
    }
    Bucket bucket = buckets.computeIfAbsent(user, u -> new Bucket(burst, now));
    return bucket.take(now);
  }

  private final class Bucket {
    private double tokens;
    private Instant refilledAt;

    Bucket(double tokens, Instant at) {
      this.tokens = tokens;
      this.refilledAt = at;
    }

    synchronized Optional<Duration> take(Instant now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      double perMilli = perMinute / 60_000.0;
      long waitMillis = (long) Math.ceil((1 - tokens) / perMilli);
      return Optional.of(Duration.ofMillis(waitMillis));
    }

    synchronized boolean isFull(Instant now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(Instant now) {
      long elapsed = Math.max(0, Duration.between(refilledAt, now).toMillis());
      tokens = Math.min(burst, tokens + elapsed * perMinute / 60_000.0);
      refilledAt = now;
    }
  }
}
