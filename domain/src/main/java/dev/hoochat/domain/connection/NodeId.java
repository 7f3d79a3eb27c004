package dev.hoochat.domain.connection;

import java.util.Objects;

/**
 * One server process of a scaled-out standalone deployment (docs/scale-out.md): random per start,
 * never reused, so that a restarted server is a new node and the connections its predecessor left
 * can be told apart from its own. Short and printable: it is part of every connection id the node
 * hands out ({@link ConnectionId#on}).
 */
public record NodeId(String value) {
  public NodeId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()
        || value.length() > 32
        || !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
      throw new IllegalArgumentException("a node id is 1-32 letters, digits, '-' or '_'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
