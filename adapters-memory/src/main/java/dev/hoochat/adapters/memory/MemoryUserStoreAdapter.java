package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Outbound adapter: keeps accounts in this process. The handle is claimed first, atomically, so
 * that of two sign-ups for one handle exactly one gets as far as writing its user.
 */
public final class MemoryUserStoreAdapter implements UserStore {
  private final ConcurrentMap<Handle, User> byHandle = new ConcurrentHashMap<>();
  private final ConcurrentMap<UserId, User> byId = new ConcurrentHashMap<>();

  @Override
  public void create(User user) {
    if (byHandle.putIfAbsent(user.handle(), user) != null) {
      throw new HandleTakenException(user.handle());
    }
    byId.put(user.id(), user);
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<User> findByHandle(Handle handle) {
    return Optional.ofNullable(byHandle.get(handle));
  }
}
