package dev.hoochat.domain.group;

import java.util.Base64;
import java.util.Objects;

/**
 * What a mute is stored under: the HMAC, under the {@code SenderKey}, of group and muted author —
 * never the author's id. The server recomputes it for a poster to check their mute; a dump without
 * the key shows that some member of the group is muted, not who.
 */
public record MuteKey(String value) {
  public MuteKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty mute key");
    }
  }

  /**
   * A key nobody's posts will ever match, from 32 random bytes: stored when a message's author is
   * no longer a member, so that a mute writes the same whoever wrote the message.
   */
  public static MuteKey decoy(byte[] random) {
    if (random.length < 32) {
      throw new IllegalArgumentException("a decoy needs 32 random bytes");
    }
    return new MuteKey(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  @Override
  public String toString() {
    return "MuteKey[***]";
  }
}
