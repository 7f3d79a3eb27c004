package dev.hoochat.domain.group;

import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** A user's place in a group. Handles never change, so the group keeps a copy to show. */
public record Member(UserId userId, Handle handle, Instant joinedAt) {
  public Member {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(joinedAt, "joinedAt");
  }
}
