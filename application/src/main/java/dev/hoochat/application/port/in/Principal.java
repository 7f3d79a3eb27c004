package dev.hoochat.application.port.in;

import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.util.Objects;

/** The signed-in user a request acts for. */
public record Principal(UserId userId, Handle handle) {
  public Principal {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(handle, "handle");
  }
}
