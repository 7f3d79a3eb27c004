package dev.hoochat.application.cache;

import java.time.Duration;

/**
 * How long each kind of cached thing lives. Every entry is also kept fresh by write-through; the
 * TTL bounds how long a write-through that failed can leave an old value behind, and how long an
 * idle group occupies memory. All are within Momento's 24-hour limit.
 */
public record CacheTtls(
    Duration principal, Duration profile, Duration group, Duration connections, Duration window) {

  public static final CacheTtls DEFAULT =
      new CacheTtls(
          Duration.ofHours(1),
          Duration.ofHours(1),
          Duration.ofMinutes(10),
          Duration.ofMinutes(10),
          Duration.ofHours(1));
}
