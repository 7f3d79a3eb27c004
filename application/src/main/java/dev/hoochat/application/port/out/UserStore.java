package dev.hoochat.application.port.out;

import static dev.hoochat.application.port.PortOperation.Kind.READ;
import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.util.Optional;

/** Outbound port: keeps accounts, one per handle. */
public interface UserStore {

  /**
   * Stores a new user, atomically claiming the handle.
   *
   * @throws HandleTakenException when the handle is held already; nothing is written
   */
  @PortOperation(WRITE)
  void create(User user);

  @PortOperation(READ)
  Optional<User> findById(UserId id);

  /** Strongly consistent: sign-in and adding members must see a handle claimed just now. */
  @PortOperation(READ)
  Optional<User> findByHandle(Handle handle);
}
