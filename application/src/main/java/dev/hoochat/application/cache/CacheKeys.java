package dev.hoochat.application.cache;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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

  /**
   * Version 2: a group carries its mutes (issue 16). A shared cache may still hold version-1 groups
   * until their TTL ends; nothing reads them — read under the old key, a group without its mutes
   * would let a muted member post.
   */
  static String group(GroupId group) {
    return PREFIX + "grp2:" + group.value();
  }

  static String connections(UserId user) {
    return PREFIX + "con:" + user.value();
  }

  /**
   * Version 3: messages carry their state (shown, unsent, hidden) and no body once redacted.
   * Version 2 added per-message tags and retry keys. A shared cache may still hold older windows
   * until their TTL ends; nothing reads them.
   */
  static String window(GroupId group) {
    return PREFIX + "win3:" + group.value();
  }

  /**
   * An invite, keyed by a digest of its code — never the code, which lets its holder in: a dump of
   * the cache does not hand out invites. The value does not hold the code either.
   */
  static String invite(InviteCode code) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(code.value().getBytes(StandardCharsets.US_ASCII));
      return PREFIX + "inv:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
