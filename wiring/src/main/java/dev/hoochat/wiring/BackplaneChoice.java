package dev.hoochat.wiring;

/**
 * How a push reaches a socket held by another standalone server on the same store ({@code
 * --backplane}, {@code HOOCHAT_BACKPLANE}; docs/scale-out.md). Lambda has none: API Gateway holds
 * the sockets and is its backplane.
 */
public enum BackplaneChoice {
  /** This server is the only one on its store; another live one makes it refuse to start. */
  NONE,
  /** Pushes go through Redis pub/sub ({@code --redis-url}) to the server holding the socket. */
  REDIS
}
