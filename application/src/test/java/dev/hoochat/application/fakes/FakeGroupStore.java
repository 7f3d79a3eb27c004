package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fake: groups by id, with the optimistic version check of the real stores. A test can run
 * something between the moment {@link #findById} read a group and the moment it answers, to replay
 * an interleaving deterministically.
 */
public final class FakeGroupStore implements GroupStore {
  private final Map<GroupId, Group> groups = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile Runnable afterNextRead = () -> {};
  private volatile Runnable onWrite = () -> {};

  @Override
  public synchronized void create(Group group) {
    if (groups.putIfAbsent(group.id(), group) != null) {
      throw new IllegalStateException("group " + group.id() + " exists");
    }
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    reads.incrementAndGet();
    Optional<Group> found = Optional.ofNullable(groups.get(id));
    Runnable hook = afterNextRead;
    afterNextRead = () -> {};
    hook.run();
    return found;
  }

  @Override
  public List<Group> findByMember(UserId member) {
    reads.incrementAndGet();
    return new ArrayList<>(groups.values().stream().filter(g -> g.hasMember(member)).toList());
  }

  @Override
  public synchronized void update(Group changed) {
    onWrite.run();
    Group stored = groups.get(changed.id());
    if (stored == null || stored.version() != changed.version() - 1) {
      throw new StaleGroupException(changed.id(), changed.version() - 1);
    }
    groups.put(changed.id(), changed);
  }

  @Override
  public synchronized void delete(Group last) {
    onWrite.run();
    Group stored = groups.get(last.id());
    if (stored == null || stored.version() != last.version()) {
      throw new StaleGroupException(last.id(), last.version());
    }
    groups.remove(last.id());
  }

  /** Runs {@code between} after the next {@link #findById} has read, before it answers. */
  public void afterNextRead(Runnable between) {
    this.afterNextRead = between;
  }

  /** Runs {@code hook} as every update or delete begins. */
  public void onWrite(Runnable hook) {
    this.onWrite = hook;
  }

  /** Writes a group as if another process changed it, bypassing any cache in front. */
  public void overwrite(Group group) {
    groups.put(group.id(), group);
  }

  public Optional<Group> stored(GroupId id) {
    return Optional.ofNullable(groups.get(id));
  }

  public int reads() {
    return reads.get();
  }

  private final Map<InviteCode, Invite> invites = new ConcurrentHashMap<>();

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

  @Override
  public synchronized Optional<Invite> redeemInvite(InviteCode code, Instant now) {
    Invite stored = invites.get(code);
    if (stored == null || !stored.isLive(now)) {
      return Optional.empty();
    }
    invites.put(code, stored.used());
    return Optional.of(stored.used());
  }

  @Override
  public synchronized boolean revokeInvite(GroupId group, InviteCode code) {
    Invite stored = invites.get(code);
    if (stored == null || !stored.groupId().equals(group)) {
      return false;
    }
    invites.remove(code);
    return true;
  }
}
