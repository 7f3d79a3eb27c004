package dev.hoochat.application.service;

import dev.hoochat.application.port.in.PresenceUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.Scheduler;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: how many of a group's members are online; and the {@code presence} push when that
 * changes, at most once per {@link #PUSH_INTERVAL} per group — and never left unpushed.
 *
 * <p><b>Counting.</b> A member is online while they have at least one open connection. The count is
 * one batched read of the members' connections (the same read a post's fan-out makes, so on a cache
 * one round trip for up to 256 members); it names nobody and is answered only to members.
 *
 * <p><b>When it changes.</b> Only when a user's first connection opens or their last one closes
 * does any group's count move; {@link ConnectionService} calls {@link #userCameOrWent} then, and
 * only then. For each of the user's groups in which another member is connected to be told, the
 * push is gated by {@link ConnectionStore#claimPresencePush}: a "not before" record per group in
 * the store, claimed with put-if-absent-or-lapsed semantics. The store, not a process, holds the
 * gate, so the rule holds however many processes (Lambda execution environments) change one group's
 * presence at once: within one interval at most one claim wins. Whoever wins reads the count after
 * its own change, so the pushed count is never older than the change that caused it.
 *
 * <p><b>The trailing push.</b> A change that finds the gate held marks the group pending ({@link
 * ConnectionStore#markPresencePending}); of the changes held back in one interval, the first that
 * offers to push owes the push at the interval's end, and schedules it ({@link Scheduler}). Then it
 * claims the gate again, only if the group is still pending ({@link
 * ConnectionStore#claimPendingPresencePush}: a claim in between already pushed a newer count), and
 * pushes the count as it is then — after every change of the interval. Every push goes through a
 * claim, so there is still at most one per interval.
 *
 * <p>Where the scheduler can only wait in the caller's request (Lambda, {@link
 * Scheduler#waitsInCaller()}): a <em>leave</em> offers to push, and the one that owes it waits out
 * the interval — the socket is closed, so the wait holds up nobody — and pushes; a <em>join</em>
 * must not delay the socket's upgrade, so it only marks the group, and the mark is carried by a
 * leave's trailing push in the same interval, by the group's next presence change (any claim pushes
 * the current count) or by the next {@code GET …/presence} of a member after the interval (which
 * claims the pending push). docs/architecture.md states the bound.
 *
 * <p>A failure here never fails the connection: presence is best effort, and logged.
 */
public final class PresenceService implements PresenceUseCase {
  private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

  /** At most one {@code presence} push per group in this time. */
  public static final Duration PUSH_INTERVAL = Duration.ofSeconds(2);

  private final GroupStore groups;
  private final ConnectionStore connections;
  private final FanOut fanOut;
  private final Clock clock;
  private final Scheduler scheduler;

  public PresenceService(
      GroupStore groups,
      ConnectionStore connections,
      FanOut fanOut,
      Clock clock,
      Scheduler scheduler) {
    this.groups = groups;
    this.connections = connections;
    this.fanOut = fanOut;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Answers the count; where held-back changes can only be carried by a later request (Lambda), a
   * member's read after the interval also pushes the pending count to everyone.
   */
  @Override
  public Presence presence(Principal caller, GroupId groupId) {
    Group group =
        groups
            .findById(groupId)
            .orElseThrow(() -> Group.notFound(groupId))
            .visibleTo(caller.userId());
    Map<UserId, Set<ConnectionId>> open = fanOut.openConnectionsOf(group);
    if (scheduler.waitsInCaller()) {
      pushIfPending(group, open);
    }
    return new Presence(open.size(), group.members().size());
  }

  /**
   * The user just came online (their first connection, {@code came}) or went offline (their last
   * one closed): each of their groups' counts moved by one.
   */
  void userCameOrWent(UserId user, boolean came) {
    try {
      for (Group group : groups.findByMember(user)) {
        if (group.hasMember(user)) {
          announce(group, user, came);
        }
      }
    } catch (RuntimeException e) {
      log.warn("event=presence_not_pushed reason=\"{}\"", e.getMessage());
    }
  }

  private void announce(Group group, UserId changed, boolean came) {
    Map<UserId, Set<ConnectionId>> open = fanOut.openConnectionsOf(group);
    if (open.keySet().stream().allMatch(changed::equals)) {
      return; // nobody else to tell (the newcomer reads the count itself): no claim, no push
    }
    Instant now = clock.now();
    Optional<Instant> owed;
    try {
      if (connections.claimPresencePush(group.id(), now, now.plus(PUSH_INTERVAL))) {
        push(group, open);
        return;
      }
      // On Lambda a connect cannot wait (it would delay the socket's upgrade): it only marks.
      boolean willPush = !(came && scheduler.waitsInCaller());
      owed = connections.markPresencePending(group.id(), now, willPush);
    } catch (StoreUnavailableException e) {
      log.warn("event=presence_not_pushed group={} reason=store_unavailable", group.id());
      return;
    }
    if (owed.isEmpty()) {
      return; // another change of this interval owes the push, or (a connect on Lambda) it is left
      // for the next change or presence read to carry
    }
    GroupId id = group.id();
    scheduler.schedule(Duration.between(now, owed.get()), () -> trailingPush(id));
  }

  /**
   * At the end of the interval a change was held back in: the count as it is now, if still owed.
   */
  private void trailingPush(GroupId id) {
    try {
      Optional<Group> group = groups.findById(id);
      if (group.isPresent()) {
        pushIfPending(group.get(), fanOut.openConnectionsOf(group.get()));
      }
    } catch (RuntimeException e) {
      log.warn("event=presence_not_pushed group={} reason=\"{}\"", id, e.getMessage());
    }
  }

  private void pushIfPending(Group group, Map<UserId, Set<ConnectionId>> open) {
    Instant now = clock.now();
    try {
      if (connections.claimPendingPresencePush(group.id(), now, now.plus(PUSH_INTERVAL))) {
        push(group, open);
      }
    } catch (StoreUnavailableException e) {
      log.warn("event=presence_not_pushed group={} reason=store_unavailable", group.id());
    }
  }

  private void push(Group group, Map<UserId, Set<ConnectionId>> open) {
    fanOut.announce(
        group,
        new Pusher.GroupEvent.Presence(group.id(), open.size(), group.members().size()),
        open);
  }
}
