package dev.hoochat.application.service;

import dev.hoochat.application.cache.CacheTtls;
import dev.hoochat.domain.group.Group;
import java.time.Duration;

/**
 * The knobs of the core, the same for every runtime.
 *
 * @param passwordIterations PBKDF2 cost; production wants hundreds of thousands, tests little
 * @param tokenLifetime how long a bearer token is valid
 * @param postsPerMinute per-user posting limit; 0 turns it off
 * @param memberLimit the most members a group may have
 * @param cacheTtls how long each kind of cached thing lives
 * @param cacheCoolOff how long a failing cache is left alone before it is tried again
 */
public record ChatSettings(
    int passwordIterations,
    Duration tokenLifetime,
    int postsPerMinute,
    int memberLimit,
    CacheTtls cacheTtls,
    Duration cacheCoolOff) {

  public static final int PRODUCTION_PASSWORD_ITERATIONS = 600_000;

  public static ChatSettings defaults() {
    return new ChatSettings(
        PRODUCTION_PASSWORD_ITERATIONS,
        Duration.ofHours(24),
        120,
        Group.DEFAULT_MEMBER_LIMIT,
        CacheTtls.DEFAULT,
        Duration.ofSeconds(1));
  }

  public ChatSettings withPasswordIterations(int iterations) {
    return new ChatSettings(
        iterations, tokenLifetime, postsPerMinute, memberLimit, cacheTtls, cacheCoolOff);
  }

  public ChatSettings withPostsPerMinute(int perMinute) {
    return new ChatSettings(
        passwordIterations, tokenLifetime, perMinute, memberLimit, cacheTtls, cacheCoolOff);
  }

  public ChatSettings withTokenLifetime(Duration lifetime) {
    return new ChatSettings(
        passwordIterations, lifetime, postsPerMinute, memberLimit, cacheTtls, cacheCoolOff);
  }
}
