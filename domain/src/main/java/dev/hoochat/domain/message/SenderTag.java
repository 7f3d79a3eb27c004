package dev.hoochat.domain.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Who sent a message, as only the server can recompute it: a random salt and the HMAC of salt,
 * group and user under the {@link SenderKey} — different on every message. Stored in place of the
 * user id; never shown to clients.
 */
public record SenderTag(String value) {
  public SenderTag {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty sender tag");
    }
  }

  /** Compares in constant time, so that timing does not leak how much of a tag matched. */
  public boolean matches(SenderTag other) {
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.US_ASCII), other.value.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "SenderTag[***]";
  }
}
