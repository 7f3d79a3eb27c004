package dev.hoochat.application.port.in;

import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;

/** A signed-in user and the bearer token that stands for them until it expires. */
public record Session(UserId userId, Handle handle, String token) {}
