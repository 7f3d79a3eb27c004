package dev.hoochat.application.port.in;

import dev.hoochat.domain.connection.ConnectionId;

/** Inbound port: a user's WebSocket opened; from now on it receives their groups' messages. */
public interface OpenConnectionUseCase {

  void open(Principal principal, ConnectionId connection);
}
