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
   * before" record — so that of many processes changing a group's presence at once, one pushes.
   */
  @PortOperation(WRITE)
  boolean claimPresencePush(GroupId group, Instant now, Instant until);
}
