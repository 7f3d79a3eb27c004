package dev.hoochat.domain.message;

import dev.hoochat.domain.OpaqueId;

/** Identifies one message; says nothing about who sent it. */
public record MessageId(String value) {
  public MessageId {
    OpaqueId.require(value, "message id");
  }

  @Override
  public String toString() {
    return value;
  }
}
