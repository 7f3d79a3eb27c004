package dev.hoochat.application.cache;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;

/**
 * The cache's key space. One prefix per kind of thing and a format version, so that a shared Redis
 * stays readable and a change of encoding starts from empty keys.
 */
final class CacheKeys {
  private static final String PREFIX = "hc1:";

  private CacheKeys() {}

  /** The principal behind a token, keyed by the token's digest (never the token). */
  static String principal(String tokenDigest) {
    return PREFIX + "tok:" + tokenDigest;
  }

  static String profile(UserId user) {
    return PREFIX + "usr:" + user.value();
  }

  static String group(GroupId group) {
    return PREFIX + "grp:" + group.value();
  }

  static String connections(UserId user) {
    return PREFIX + "con:" + user.value();
  }

  /**
   * Version 2: messages carry per-message tags and retry keys. A shared cache may still hold
   * version-1 windows (one tag per sender) until their TTL ends; nothing reads them.
   */
  static String window(GroupId group) {
    return PREFIX + "win2:" + group.value();
  }
}
