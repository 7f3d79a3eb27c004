package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test fake: accounts in two maps, the handle claimed atomically. */
public final class FakeUserStore implements UserStore {
  private final Map<UserId, User> byId = new ConcurrentHashMap<>();
  private final Map<Handle, User> byHandle = new ConcurrentHashMap<>();

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

  public int count() {
    return byId.size();
  }
}
