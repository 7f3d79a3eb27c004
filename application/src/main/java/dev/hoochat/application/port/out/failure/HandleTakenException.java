package dev.hoochat.application.port.out.failure;

import dev.hoochat.domain.user.Handle;

/** A store refused to create a user because another already holds the handle. */
public class HandleTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HandleTakenException(Handle handle) {
    super("handle '" + handle + "' is taken", null, false, false);
  }
}
