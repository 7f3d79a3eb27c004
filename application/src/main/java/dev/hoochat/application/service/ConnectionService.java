package dev.hoochat.application.service;

import dev.hoochat.application.port.in.CloseConnectionUseCase;
import dev.hoochat.application.port.in.OpenConnectionUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: a WebSocket opens or closes.
 *
 * <p>A user may hold {@code limit} connections at once. A new connection is registered first and
 * then counted in the store itself (never the cache, which may lag), and withdrawn if the count is
 * over the limit. Registered before counted, two simultaneous connects cannot both see room that
 * only one of them has: whichever counts last sees both, so no more than {@code limit} connections
 * ever stay registered, in one process or across many (Lambda) — at worst both are refused. The
 * count is strongly consistent in every store adapter.
 */
public final class ConnectionService implements OpenConnectionUseCase, CloseConnectionUseCase {
  private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

  private final ConnectionStore connections;
  private final ConnectionStore counted;
  private final Clock clock;
  private final int limit;
  private final PresenceService presence;

  /**
   * @param connections where connections are registered (the cached store, so the fan-out sees
   *     them)
   * @param counted the same store without the cache, read to count a user's connections
   * @param limit connections per user; 0 = no limit
   * @param presence told when a user's first connection opened or last one closed
   */
  public ConnectionService(
      ConnectionStore connections,
      ConnectionStore counted,
      Clock clock,
      int limit,
      PresenceService presence) {
    this.connections = connections;
    this.counted = counted;
    this.clock = clock;
    this.limit = limit;
    this.presence = presence;
  }

  @Override
  public void open(Principal principal, ConnectionId connection) {
    connections.register(connection, principal.userId(), clock.now());
    Set<ConnectionId> open = openOf(principal.userId());
    if (limit > 0) {
      if (open.size() > limit) {
        connections.unregister(connection);
        log.info(
            "event=connection_refused reason=too_many_connections user={} limit={}",
            principal.userId(),
            limit);
        throw new RefusedException(
            Problem.TOO_MANY_CONNECTIONS,
            "you have " + limit + " connections open, the most allowed; close one first");
      }
    }
    log.debug("event=connection_opened connection={}", connection);
    if (open.size() == 1) {
      presence.userCameOrWent(principal.userId(), true);
    }
  }

  /**
   * The user's last connection closing takes them offline in each of their groups. Two of their
   * connections opening (or closing) at the same moment may each see the other and leave the
   * presence push to the next change; the count itself is always read fresh.
   */
  @Override
  public void close(ConnectionId connection) {
    Optional<UserId> owner = connections.unregister(connection);
    log.debug("event=connection_closed connection={}", connection);
    if (owner.isPresent() && openOf(owner.get()).isEmpty()) {
      presence.userCameOrWent(owner.get(), false);
    }
  }

  /** Counted in the store itself (never the cache, which may lag). */
  private Set<ConnectionId> openOf(UserId user) {
    return counted.connectionsOf(List.of(user)).getOrDefault(user, Set.of());
  }
}
