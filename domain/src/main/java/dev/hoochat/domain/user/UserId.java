package dev.hoochat.domain.user;

import dev.hoochat.domain.OpaqueId;

/** Identifies a user for as long as the account exists; never shown next to a message. */
public record UserId(String value) {
  public UserId {
    OpaqueId.require(value, "user id");
  }

  @Override
  public String toString() {
    return value;
  }
}
