package dev.hoochat.application.port.out;

import static dev.hoochat.application.port.PortOperation.Kind.READ;
import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Outbound port: which WebSocket connections each user has open. */
public interface ConnectionStore {

  @PortOperation(WRITE)
  void register(ConnectionId connection, UserId user, Instant openedAt);

  /** Forgets a connection; answers whose it was, if it was known. */
  @PortOperation(WRITE)
  Optional<UserId> unregister(ConnectionId connection);

  /**
   * The open connections of each user, in one round trip however many users; a user without any is
   * absent or maps to an empty set.
   */
  @PortOperation(READ)
  Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users);

  /**
   * Claims the group's next presence push: succeeds, and holds the claim until {@code until}, only
   * if no claim holds at {@code now} (none was made, or the last one's {@code until} is not after
   * {@code now}). Atomic across every process that shares the store — a put-if-absent on a "not
   * before" record — so that of many processes changing a group's presence at once, one pushes. A
   * successful claim also clears the group's pending mark ({@link #markPresencePending}): the push
   * it allows carries every change made before it.
   */
  @PortOperation(WRITE)
  boolean claimPresencePush(GroupId group, Instant now, Instant until);

  /**
   * Records that the group's presence changed while a claim holds, so that the change is pushed
   * once the claim ends; does nothing if no claim holds at {@code now}. With {@code willPush}, the
   * caller offers to make that push: atomically, the first such call of the claim's interval is
   * answered the claim's end, and owes the push; every other call is answered empty. Without, the
   * mark is only left for the next claim to carry (answered empty).
   */
  @PortOperation(WRITE)
  Optional<Instant> markPresencePending(GroupId group, Instant now, boolean willPush);

  /**
   * The trailing push's claim: as {@link #claimPresencePush}, but only if the group is marked
   * pending. Fails when another claim holds, or when a claim made since the mark (whose push
   * carried the change) cleared it.
   */
  @PortOperation(WRITE)
  boolean claimPendingPresencePush(GroupId group, Instant now, Instant until);
}
