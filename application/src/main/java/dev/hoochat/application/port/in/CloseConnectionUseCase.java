package dev.hoochat.application.port.in;

import dev.hoochat.domain.connection.ConnectionId;

/** Inbound port: a WebSocket closed; nothing is pushed to it any more. */
public interface CloseConnectionUseCase {

  void close(ConnectionId connection);
}
