package dev.hoochat.adapters.dynamodb;

/**
 * The heartbeats of standalone server nodes: one item per node in one partition ({@code NODES /
 * NODE#<node>}), so that every node reads all of them with one query.
 */
final class NodeItems {
  static final String PARTITION = "NODES";
  static final String NODE = "NODE#";
  static final String BACKPLANE = "backplane";
  static final String ALIVE_UNTIL = "aliveUntilMs";
  static final String STARTED_AT = "startedAt";

  private NodeItems() {}
}
