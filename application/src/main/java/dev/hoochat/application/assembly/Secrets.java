package dev.hoochat.application.assembly;

import dev.hoochat.domain.message.SenderKey;
import java.util.Arrays;

/**
 * Outbound port (as configuration): the server's keys. The token key signs bearer tokens; the
 * sender key tags messages.
 */
public record Secrets(byte[] tokenKey, SenderKey senderKey) {
  public Secrets {
    if (tokenKey == null || tokenKey.length < 32) {
      throw new IllegalArgumentException("the token key has at least 32 bytes");
    }
    tokenKey = Arrays.copyOf(tokenKey, tokenKey.length);
  }

  @Override
  public byte[] tokenKey() {
    return Arrays.copyOf(tokenKey, tokenKey.length);
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Secrets[***]";
  }
}
