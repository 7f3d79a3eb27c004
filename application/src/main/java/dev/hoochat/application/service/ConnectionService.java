package dev.hoochat.application.service;

import dev.hoochat.application.port.in.CloseConnectionUseCase;
import dev.hoochat.application.port.in.OpenConnectionUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases: a WebSocket opens or closes. */
public final class ConnectionService implements OpenConnectionUseCase, CloseConnectionUseCase {
  private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

  private final ConnectionStore connections;
  private final Clock clock;

  public ConnectionService(ConnectionStore connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  @Override
  public void open(Principal principal, ConnectionId connection) {
    connections.register(connection, principal.userId(), clock.now());
    log.debug("event=connection_opened connection={}", connection);
  }

  @Override
  public void close(ConnectionId connection) {
    connections.unregister(connection);
    log.debug("event=connection_closed connection={}", connection);
  }
}
