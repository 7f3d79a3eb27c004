package dev.hoochat.application.service;

import dev.hoochat.application.port.in.PresenceUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: how many of a group's members are online; and the {@code presence} push when that
 * changes, at most once per {@link #PUSH_INTERVAL} per group.
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
 * gate, so the rule holds however many processes (Lambda execution environments, each handling some
 * sockets' {@code $connect}/{@code $disconnect}) change one group's presence at once: within one
 * interval at most one of them wins the claim and pushes; the others push nothing. Whoever wins
 * reads the count after its own change, so the pushed count is never older than the change that
 * caused it.
 *
 * <p><b>What is not pushed.</b> A change within the interval after a push is not pushed by itself;
 * the next change after the interval pushes the count as it is then, and {@code GET …/presence}
 * always answers the current count. (A trailing push at the end of the interval needs a timer,
 * which the core does not have; see docs/architecture.md.) A failure here never fails the
 * connection: presence is best effort, and logged.
 */
public final class PresenceService implements PresenceUseCase {
  private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

  /** At most one {@code presence} push per group in this time. */
  public static final Duration PUSH_INTERVAL = Duration.ofSeconds(2);

  private final GroupStore groups;
  private final ConnectionStore connections;
  private final FanOut fanOut;
  private final Clock clock;

  public PresenceService(
      GroupStore groups, ConnectionStore connections, FanOut fanOut, Clock clock) {
    this.groups = groups;
    this.connections = connections;
    this.fanOut = fanOut;
    this.clock = clock;
  }

  @Override
  public Presence presence(Principal caller, GroupId groupId) {
    Group group =
        groups
            .findById(groupId)
            .orElseThrow(() -> Group.notFound(groupId))
            .visibleTo(caller.userId());
    return new Presence(fanOut.openConnectionsOf(group).size(), group.members().size());
  }

  /**
   * The user just came online (their first connection) or went offline (their last one closed):
   * each of their groups' counts moved by one. Pushes the new count where the group's gate allows.
   */
  void userCameOrWent(UserId user) {
    try {
      for (Group group : groups.findByMember(user)) {
        if (group.hasMember(user)) {
          announce(group, user);
        }
      }
    } catch (RuntimeException e) {
      log.warn("event=presence_not_pushed reason=\"{}\"", e.getMessage());
    }
  }

  private void announce(Group group, UserId changed) {
    Map<UserId, Set<ConnectionId>> open = fanOut.openConnectionsOf(group);
    if (open.keySet().stream().allMatch(changed::equals)) {
      return; // nobody else to tell (the newcomer reads the count itself): no claim, no push
    }
    Instant now = clock.now();
    boolean claimed;
    try {
      claimed = connections.claimPresencePush(group.id(), now, now.plus(PUSH_INTERVAL));
    } catch (StoreUnavailableException e) {
      log.warn("event=presence_not_pushed group={} reason=store_unavailable", group.id());
      return;
    }
    if (claimed) {
      fanOut.announce(
          group,
          new Pusher.GroupEvent.Presence(group.id(), open.size(), group.members().size()),
          open);
    }
  }
}
