package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's secret for sender tags. Whoever lacks it cannot link a stored message to a person,
 * and rotating it unlinks every message from {@code mine} for good.
 */
public final class SenderKey {
  private static final String HMAC = "HmacSHA256";
  private static final int MIN_BYTES = 32;

  private final SecretKeySpec key;

  public SenderKey(byte[] secret) {
    if (secret == null || secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("a sender key has at least 32 bytes");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), HMAC);
  }

  /** HMAC-SHA256 over {@code groupId ‖ 0x00 ‖ userId}: one tag per person and group. */
  public SenderTag tag(GroupId group, UserId user) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(group.value().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(user.value().getBytes(StandardCharsets.UTF_8));
      return new SenderTag(Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SenderKey[***]";
  }
}
