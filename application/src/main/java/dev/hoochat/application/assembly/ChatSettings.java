package dev.hoochat.application.assembly;

import dev.hoochat.application.cache.CacheTtls;
import dev.hoochat.domain.group.Group;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the core, the same for every runtime.
 *
 * @param passwordIterations PBKDF2 cost; production wants hundreds of thousands, tests little
 * @param tokenLifetime how long a bearer token is valid
 * @param postsPerMinute per-user posting limit; 0 turns it off
 * @param memberLimit the most members a group may have
 * @param cacheTtls how long each kind of cached thing lives
 * @param cacheCoolOff how long a failing cache is left alone before it is tried again
 * @param limits what one user may hold, and how failed sign-ins are held back
 */
public record ChatSettings(
    int passwordIterations,
    Duration tokenLifetime,
    int postsPerMinute,
    int memberLimit,
    CacheTtls cacheTtls,
    Duration cacheCoolOff,
    Limits limits) {

  public static final int PRODUCTION_PASSWORD_ITERATIONS = 600_000;

  public ChatSettings {
    Objects.requireNonNull(limits, "limits");
  }

  /** The settings of an earlier version, with the default limits. */
  public ChatSettings(
      int passwordIterations,
      Duration tokenLifetime,
      int postsPerMinute,
      int memberLimit,
      CacheTtls cacheTtls,
      Duration cacheCoolOff) {
    this(
        passwordIterations,
        tokenLifetime,
        postsPerMinute,
        memberLimit,
        cacheTtls,
        cacheCoolOff,
        Limits.DEFAULT);
  }

  /**
   * Per-user limits (docs/API.md, Limits). Each count may be 0, which turns that limit off.
   *
   * @param connectionsPerUser open WebSockets per user; one more is refused ({@code
   *     too_many_connections})
   * @param groupsOwned groups a user may own; founding one more is refused ({@code
   *     owned_group_limit})
   * @param groupsJoined groups a user may be in; joining one more is refused ({@code
   *     joined_group_limit})
   * @param signInFreeFailures failed sign-ins of one handle from one address before it is held back
   *     (the address alone gets four times as many, the handle from unknown addresses twice as
   *     many)
   * @param signInMaxBackoff the longest a sign-in is held back after the last failure that counted
   */
  public record Limits(
      int connectionsPerUser,
      int groupsOwned,
      int groupsJoined,
      int signInFreeFailures,
      Duration signInMaxBackoff) {

    public static final Limits DEFAULT = new Limits(20, 100, 500, 5, Duration.ofMinutes(5));

    /** No limit at all: for tools that need thousands of sockets per user. */
    public static final Limits NONE = new Limits(0, 0, 0, 0, Duration.ofMinutes(5));

    public Limits {
      if (connectionsPerUser < 0 || groupsOwned < 0 || groupsJoined < 0 || signInFreeFailures < 0) {
        throw new IllegalArgumentException("limits must be 0 (off) or more");
      }
      Objects.requireNonNull(signInMaxBackoff, "signInMaxBackoff");
      if (signInMaxBackoff.compareTo(Duration.ofSeconds(1)) < 0
          || signInMaxBackoff.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("the sign-in back-off must be 1 s to 1 day");
      }
    }

    public Limits withConnectionsPerUser(int value) {
      return new Limits(value, groupsOwned, groupsJoined, signInFreeFailures, signInMaxBackoff);
    }

    public Limits withGroups(int owned, int joined) {
      return new Limits(connectionsPerUser, owned, joined, signInFreeFailures, signInMaxBackoff);
    }

    public Limits withSignIn(int freeFailures, Duration maxBackoff) {
      return new Limits(connectionsPerUser, groupsOwned, groupsJoined, freeFailures, maxBackoff);
    }
  }

  public static ChatSettings defaults() {
    return new ChatSettings(
        PRODUCTION_PASSWORD_ITERATIONS,
        Duration.ofHours(24),
        120,
        Group.DEFAULT_MEMBER_LIMIT,
        CacheTtls.DEFAULT,
        Duration.ofSeconds(1),
        Limits.DEFAULT);
  }

  public ChatSettings withPasswordIterations(int iterations) {
    return new ChatSettings(
        iterations, tokenLifetime, postsPerMinute, memberLimit, cacheTtls, cacheCoolOff, limits);
  }

  public ChatSettings withPostsPerMinute(int perMinute) {
    return new ChatSettings(
        passwordIterations, tokenLifetime, perMinute, memberLimit, cacheTtls, cacheCoolOff, limits);
  }

  public ChatSettings withTokenLifetime(Duration lifetime) {
    return new ChatSettings(
        passwordIterations, lifetime, postsPerMinute, memberLimit, cacheTtls, cacheCoolOff, limits);
  }

  public ChatSettings withLimits(Limits value) {
    return new ChatSettings(
        passwordIterations,
        tokenLifetime,
        postsPerMinute,
        memberLimit,
        cacheTtls,
        cacheCoolOff,
        value);
  }
}
