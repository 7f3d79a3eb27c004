package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each user's open connections, read-aside and written through: the fan-out of one message reads
 * every member's set in one cache round trip. A user with no connection is cached as an empty set,
 * so that offline members are hits too.
 *
 * <p>After a connection opens or closes, the user's set is read again from the store and
 * <em>put</em>; misses fill with put-if-absent, so a fill that read the store before the change
 * cannot overwrite it (see {@link CachedGroupStore} for the argument). Two changes for one user
 * racing each other can leave the older set until the TTL; a client that reconnects asks for what
 * it missed with {@code after}.
 */
public final class CachedConnectionStore implements ConnectionStore {
  private final ConnectionStore store;
  private final CacheStore cache;
  private final Duration ttl;
  private final KeyOrdering ordering = new KeyOrdering();

  /** Connected users' decoded sets: a set is a few hundred bytes. */
  private final DecodedValues<Set<ConnectionId>> decoded =
      new DecodedValues<>(CacheCodec::connections, 65_536);

  public CachedConnectionStore(ConnectionStore store, CacheStore cache, Duration ttl) {
    this.store = store;
    this.cache = cache;
    this.ttl = ttl;
  }

  @Override
  public void register(ConnectionId connection, UserId user, Instant openedAt) {
    ordering.change(
        CacheKeys.connections(user),
        () -> {
          store.register(connection, user, openedAt);
          refresh(user);
        });
  }

  /**
   * Whose connection it was is known only once the store answers, so the change is ordered by the
   * refresh: the set put under the user's lock is read from the store inside it.
   */
  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    Optional<UserId> user = store.unregister(connection);
    user.ifPresent(u -> ordering.change(CacheKeys.connections(u), () -> refresh(u)));
    return user;
  }

  @Override
  public Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users) {
    Map<String, UserId> byKey = new LinkedHashMap<>();
    for (UserId user : users) {
      byKey.put(CacheKeys.connections(user), user);
    }
    Map<String, byte[]> cached = cache.getMany(byKey.keySet());
    Map<UserId, Set<ConnectionId>> result = new HashMap<>();
    List<UserId> missing = new ArrayList<>();
    byKey.forEach(
        (key, user) -> {
          Optional<Set<ConnectionId>> hit = decode(key, cached.get(key));
          if (hit.isPresent()) {
            result.put(user, hit.get());
          } else {
            missing.add(user);
          }
        });
    if (!missing.isEmpty()) {
      Map<UserId, Long> generations = new HashMap<>();
      for (UserId user : missing) {
        generations.put(user, ordering.generation(CacheKeys.connections(user)));
      }
      Map<UserId, Set<ConnectionId>> stored = store.connectionsOf(missing);
      for (UserId user : missing) {
        Set<ConnectionId> connections = stored.getOrDefault(user, Set.of());
        result.put(user, connections);
        String key = CacheKeys.connections(user);
        ordering.fillIfUnchanged(
            key,
            generations.get(user),
            () -> cache.putIfAbsent(key, CacheCodec.connections(connections), ttl));
      }
    }
    return result;
  }

  /** The gate is the store's alone: it must hold across processes, with or without a cache. */
  @Override
  public boolean claimPresencePush(GroupId group, Instant now, Instant until) {
    return store.claimPresencePush(group, now, until);
  }

  @Override
  public Optional<Instant> markPresencePending(GroupId group, Instant now, boolean willPush) {
    return store.markPresencePending(group, now, willPush);
  }

  @Override
  public boolean claimPendingPresencePush(GroupId group, Instant now, Instant until) {
    return store.claimPendingPresencePush(group, now, until);
  }

  private void refresh(UserId user) {
    Set<ConnectionId> now = store.connectionsOf(List.of(user)).getOrDefault(user, Set.of());
    cache.put(CacheKeys.connections(user), CacheCodec.connections(now), ttl);
  }

  private Optional<Set<ConnectionId>> decode(String key, byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(decoded.decode(key, bytes));
    } catch (CacheCodec.UnreadableValueException e) {
      return Optional.empty();
    }
  }
}
