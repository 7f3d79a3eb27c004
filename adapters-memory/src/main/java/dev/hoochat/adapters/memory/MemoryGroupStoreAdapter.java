package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Outbound adapter: keeps groups and their members in this process. Each write is a compare-and-set
 * on the group's version inside {@link ConcurrentMap#compute}, so concurrent changes of one group
 * are serialised and all but the first based on a version are refused.
 *
 * <p>A member index answers "groups of a user". It is updated inside the same {@code compute}, new
 * members before the change is visible; a reader still checks membership on the group itself, so a
 * lagging index entry can never show a group to someone who left it.
 */
public final class MemoryGroupStoreAdapter implements GroupStore {
  private final ConcurrentMap<GroupId, Group> groups = new ConcurrentHashMap<>();
  private final ConcurrentMap<UserId, Set<GroupId>> groupsOfMember = new ConcurrentHashMap<>();
  private final ConcurrentMap<InviteCode, Invite> invites = new ConcurrentHashMap<>();

  /**
   * {@inheritDoc}
   *
   * @throws StaleGroupException when a group with this id is stored already: a create is a write
   *     based on "no group yet"
   */
  @Override
  public void create(Group group) {
    groups.compute(
        group.id(),
        (id, stored) -> {
          if (stored != null) {
            throw new StaleGroupException(id, 0);
          }
          index(null, group);
          return group;
        });
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    return Optional.ofNullable(groups.get(id));
  }

  @Override
  public List<Group> findByMember(UserId member) {
    Set<GroupId> ids = groupsOfMember.getOrDefault(member, Set.of());
    return ids.stream()
        .map(groups::get)
        .filter(Objects::nonNull)
        .filter(g -> g.hasMember(member))
        .toList();
  }

  @Override
  public void update(Group changed) {
    long basedOn = changed.version() - 1;
    groups.compute(
        changed.id(),
        (id, stored) -> {
          if (stored == null || stored.version() != basedOn) {
            throw new StaleGroupException(id, basedOn);
          }
          index(stored, changed);
          return changed;
        });
  }

  @Override
  public void delete(Group last) {
    groups.compute(
        last.id(),
        (id, stored) -> {
          if (stored == null || stored.version() != last.version()) {
            throw new StaleGroupException(id, last.version());
          }
          index(stored, null);
          return null;
        });
  }

  @Override
  public void createInvite(Invite invite) {
    invites.put(invite.code(), invite);
  }

  @Override
  public Optional<Invite> findInvite(InviteCode code) {
    return Optional.ofNullable(invites.get(code));
  }

  @Override
  public List<Invite> invitesOf(GroupId group) {
    return invites.values().stream().filter(i -> i.groupId().equals(group)).toList();
  }

  /** One use, inside {@code compute}: no two redeems of one code can both take its last use. */
  @Override
  public Optional<Invite> redeemInvite(InviteCode code, Instant now) {
    Invite[] used = new Invite[1];
    invites.computeIfPresent(
        code,
        (c, stored) -> {
          if (!stored.isLive(now)) {
            return stored;
          }
          used[0] = stored.used();
          return used[0];
        });
    return Optional.ofNullable(used[0]);
  }

  @Override
  public boolean revokeInvite(GroupId group, InviteCode code) {
    boolean[] revoked = new boolean[1];
    invites.computeIfPresent(
        code,
        (c, stored) -> {
          if (!stored.groupId().equals(group)) {
            return stored;
          }
          revoked[0] = true;
          return null;
        });
    return revoked[0];
  }

  /** Moves the member index from {@code before} to {@code after}; either may be null. */
  private void index(Group before, Group after) {
    Set<UserId> old = before == null ? Set.of() : new HashSet<>(before.memberIds());
    Set<UserId> now = after == null ? Set.of() : new HashSet<>(after.memberIds());
    GroupId id = before != null ? before.id() : after.id();
    for (UserId joined : now) {
      if (!old.contains(joined)) {
        groupsOfMember.compute(
            joined,
            (user, ids) -> {
              Set<GroupId> grown = ids == null ? ConcurrentHashMap.newKeySet() : ids;
              grown.add(id);
              return grown;
            });
      }
    }
    for (UserId left : old) {
      if (!now.contains(left)) {
        // Dropping the empty set keeps the index bounded by the users who are in some group.
        groupsOfMember.computeIfPresent(
            left,
            (user, ids) -> {
              ids.remove(id);
              return ids.isEmpty() ? null : ids;
            });
      }
    }
  }
}
