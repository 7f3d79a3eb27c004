package dev.hoochat.domain.connection;

import java.util.Objects;
import java.util.Optional;

/**
 * One open WebSocket connection of a user. Opaque: API Gateway's ids contain {@code =}, so the only
 * rule is a short, non-blank, printable string. A standalone server names the node that holds the
 * connection in its id ({@code <node>~<random>}, see {@link #on}), so that the registry records,
 * with no field of its own, which node a push must go to.
 */
public record ConnectionId(String value) {
  public ConnectionId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()
        || value.length() > 128
        || !value.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("a connection id is 1-128 printable ASCII characters");
    }
  }

  private static final char NODE_SEPARATOR = '~';

  /** A connection held by {@code node}; {@code local} must not contain {@code ~}. */
  public static ConnectionId on(NodeId node, String local) {
    if (local.indexOf(NODE_SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a connection's own part has no '~'");
    }
    return new ConnectionId(node.value() + NODE_SEPARATOR + local);
  }

  /** The node holding this connection, if its id names one (API Gateway's never do). */
  public Optional<NodeId> node() {
    int at = value.indexOf(NODE_SEPARATOR);
    if (at <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new NodeId(value.substring(0, at)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
