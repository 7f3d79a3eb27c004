package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Groups with their members and their mutes, read-aside and written through. This entry decides who
 * receives a message, so it must never keep a removed member once the removal has returned; and it
 * answers a post's mute check, so it must never lose a mute once the mute has returned. A mute is a
 * change of the group like a membership change ({@link #update}, version + 1), so both follow the
 * one protocol below.
 *
 * <p>Why it does not, in one process, even with reads refilling the cache concurrently:
 *
 * <ol>
 *   <li>A change writes the store first (conditional on the version it was based on) and then
 *       <em>puts</em> its value over whatever the cache holds, as one step under the group's lock
 *       ({@link KeyOrdering}): two changes cannot leave the cache in the opposite order of their
 *       store writes, and the put is done before the change returns.
 *   <li>A reader that missed notes the group's generation, reads the store, and fills with
 *       <em>put-if-absent</em> only if no change ran meanwhile. A fill therefore never writes a
 *       value older than a finished change, even after a delete emptied the key.
 *   <li>If the change's put fails, {@link ResilientCache} marks the key dirty: it is not read from
 *       the cache again until a delete of it succeeds.
 *   <li>A change based on a stale copy is refused by the store ({@link StaleGroupException}); the
 *       cached copy is dropped so that the retry reads the store.
 * </ol>
 *
 * <p>Across processes (several Lambda environments sharing one cache) the group's lock above is per
 * process, so the use case holds the group's {@code GroupLocks} lease, which spans every process
 * sharing the store, around each change: changes still reach the cache in the order of their store
 * writes. A fill in another process cannot undo a change either: it only puts if absent, and the
 * change's put came after the store write the fill did not see. One gap remains: if a change's put
 * fails and another process then fills from a store read older than that change, the older entry
 * can stay until the TTL ({@link CacheTtls#group()}) — dirty keys are marked per process. A
 * versioned conditional write in the cache would close it.
 */
public final class CachedGroupStore implements GroupStore {
  private final GroupStore store;
  private final CacheStore cache;
  private final Duration ttl;
  private final KeyOrdering ordering = new KeyOrdering();

  /** Active groups' decoded records: a group of 256 members is ~10 KiB, so a few thousand. */
  private final DecodedValues<Group> decoded = new DecodedValues<>(CacheCodec::group, 2_048);

  public CachedGroupStore(GroupStore store, CacheStore cache, Duration ttl) {
    this.store = store;
    this.cache = cache;
    this.ttl = ttl;
  }

  @Override
  public void create(Group group) {
    String key = CacheKeys.group(group.id());
    ordering.change(
        key,
        () -> {
          store.create(group);
          cache.put(key, CacheCodec.group(group), ttl);
        });
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    String key = CacheKeys.group(id);
    Optional<Group> cached = cache.get(key).flatMap(bytes -> decode(key, bytes));
    if (cached.isPresent()) {
      return cached;
    }
    long generation = ordering.generation(key);
    Optional<Group> stored = store.findById(id);
    stored.ifPresent(
        g ->
            ordering.fillIfUnchanged(
                key, generation, () -> cache.putIfAbsent(key, CacheCodec.group(g), ttl)));
    return stored;
  }

  @Override
  public List<Group> findByMember(UserId member) {
    return store.findByMember(member);
  }

  @Override
  public void update(Group changed) {
    String key = CacheKeys.group(changed.id());
    ordering.change(
        key,
        () -> {
          try {
            store.update(changed);
          } catch (StaleGroupException e) {
            cache.delete(key);
            throw e;
          }
          cache.put(key, CacheCodec.group(changed), ttl);
        });
  }

  @Override
  public void delete(Group last) {
    String key = CacheKeys.group(last.id());
    ordering.change(
        key,
        () -> {
          try {
            store.delete(last);
          } finally {
            cache.delete(key);
          }
        });
  }

  /** Invites: read-aside by code, written through, like groups (same ordering argument). */
  @Override
  public void createInvite(Invite invite) {
    String key = CacheKeys.invite(invite.code());
    ordering.change(
        key,
        () -> {
          store.createInvite(invite);
          cache.put(key, CacheCodec.invite(invite), ttl);
        });
  }

  /**
   * A stale copy here can only send a caller on to the store's redeem, which decides by itself
   * (atomically, on the stored invite): the cache never admits anyone the store would not.
   */
  @Override
  public Optional<Invite> findInvite(InviteCode code) {
    String key = CacheKeys.invite(code);
    Optional<Invite> cached = cache.get(key).flatMap(bytes -> decodeInvite(code, bytes));
    if (cached.isPresent()) {
      return cached;
    }
    long generation = ordering.generation(key);
    Optional<Invite> stored = store.findInvite(code);
    stored.ifPresent(
        i ->
            ordering.fillIfUnchanged(
                key, generation, () -> cache.putIfAbsent(key, CacheCodec.invite(i), ttl)));
    return stored;
  }

  @Override
  public List<Invite> invitesOf(GroupId group) {
    return store.invitesOf(group);
  }

  @Override
  public Optional<Invite> redeemInvite(InviteCode code, Instant now) {
    String key = CacheKeys.invite(code);
    return ordering.change(
        key,
        () -> {
          Optional<Invite> used = store.redeemInvite(code, now);
          if (used.isPresent()) {
            cache.put(key, CacheCodec.invite(used.get()), ttl);
          } else {
            cache.delete(key);
          }
          return used;
        });
  }

  @Override
  public boolean revokeInvite(GroupId group, InviteCode code) {
    String key = CacheKeys.invite(code);
    return ordering.change(
        key,
        () -> {
          try {
            return store.revokeInvite(group, code);
          } finally {
            cache.delete(key);
          }
        });
  }

  private static Optional<Invite> decodeInvite(InviteCode code, byte[] bytes) {
    try {
      return Optional.of(CacheCodec.invite(code, bytes));
    } catch (CacheCodec.UnreadableValueException e) {
      return Optional.empty();
    }
  }

  private Optional<Group> decode(String key, byte[] bytes) {
    try {
      return Optional.of(decoded.decode(key, bytes));
    } catch (CacheCodec.UnreadableValueException e) {
      return Optional.empty();
    }
  }
}
