package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Groups with their members, read-aside and written through. This entry decides who receives a
 * message, so it must never keep a removed member once the removal has returned.
 *
 * <p>Why it does not, even with reads refilling the cache concurrently:
 *
 * <ol>
 *   <li>A change is written to the store first (conditional on the version it was based on), then
 *       <em>put</em> over whatever the cache holds, before the change returns.
 *   <li>A reader that missed fills the cache with <em>put-if-absent</em> only. A reader that read
 *       the store before the change either fills first (and the change's put overwrites it) or
 *       finds the change's value present (and its fill is refused). Either way the old group does
 *       not outlive the change.
 *   <li>If the change's put fails, {@link ResilientCache} marks the key dirty: it is not read from
 *       the cache again until a delete of it succeeds.
 *   <li>A change based on a stale copy is refused by the store ({@link StaleGroupException}); the
 *       cached copy is dropped so that the retry reads the store.
 * </ol>
 */
public final class CachedGroupStore implements GroupStore {
  private final GroupStore store;
  private final CacheStore cache;
  private final Duration ttl;

  public CachedGroupStore(GroupStore store, CacheStore cache, Duration ttl) {
    this.store = store;
    this.cache = cache;
    this.ttl = ttl;
  }

  @Override
  public void create(Group group) {
    store.create(group);
    cache.put(CacheKeys.group(group.id()), CacheCodec.group(group), ttl);
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    String key = CacheKeys.group(id);
    Optional<Group> cached = cache.get(key).flatMap(CachedGroupStore::decode);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<Group> stored = store.findById(id);
    stored.ifPresent(g -> cache.putIfAbsent(key, CacheCodec.group(g), ttl));
    return stored;
  }

  @Override
  public List<Group> findByMember(UserId member) {
    return store.findByMember(member);
  }

  @Override
  public void update(Group changed) {
    String key = CacheKeys.group(changed.id());
    try {
      store.update(changed);
    } catch (StaleGroupException e) {
      cache.delete(key);
      throw e;
    }
    cache.put(key, CacheCodec.group(changed), ttl);
  }

  @Override
  public void delete(Group last) {
    String key = CacheKeys.group(last.id());
    try {
      store.delete(last);
    } catch (StaleGroupException e) {
      cache.delete(key);
      throw e;
    }
    cache.delete(key);
  }

  private static Optional<Group> decode(byte[] bytes) {
    try {
      return Optional.of(CacheCodec.group(bytes));
    } catch (CacheCodec.UnreadableValueException e) {
      return Optional.empty();
    }
  }
}
