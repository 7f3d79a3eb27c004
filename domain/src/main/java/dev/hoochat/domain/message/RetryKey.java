package dev.hoochat.domain.message;

import java.util.Objects;

/**
 * What the log recognises a retried post by: the HMAC, under the {@link SenderKey}, of group,
 * sender and the client's {@link ClientMessageId}. It stands in for the pair (sender, client id),
 * which would name the same sender on every message; this one differs for every client id, so a
 * dump of the store cannot group a sender's messages by it. Never shown to clients.
 */
public record RetryKey(String value) {
  public RetryKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty retry key");
    }
  }

  @Override
  public String toString() {
    return "RetryKey[***]";
  }
}
