package dev.hoochat.domain.connection;

import java.util.Objects;

/**
 * One open WebSocket connection of a user. Opaque: API Gateway's ids contain {@code =}, so the only
 * rule is a short, non-blank, printable string.
 */
public record ConnectionId(String value) {
  public ConnectionId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()
        || value.length() > 128
        || !value.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("a connection id is 1-128 printable ASCII characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
