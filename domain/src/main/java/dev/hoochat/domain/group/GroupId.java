package dev.hoochat.domain.group;

import dev.hoochat.domain.OpaqueId;

/** Identifies a group ("inner circle"). */
public record GroupId(String value) {
  public GroupId {
    OpaqueId.require(value, "group id");
  }

  @Override
  public String toString() {
    return value;
  }
}
