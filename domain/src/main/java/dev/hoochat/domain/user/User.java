package dev.hoochat.domain.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A person with an account. {@code passwordHash} is the encoded output of a slow, salted KDF; the
 * domain treats it as opaque.
 */
public record User(UserId id, Handle handle, String passwordHash, Instant createdAt) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", handle=" + handle + "]";
  }
}
