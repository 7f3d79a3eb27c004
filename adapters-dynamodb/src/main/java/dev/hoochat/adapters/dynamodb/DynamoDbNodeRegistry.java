package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The standalone servers that share this table, each one item ({@code NODES / NODE#<node>}) with
 * the time its heartbeat runs out, written by the node itself every few seconds
 * (docs/scale-out.md). The expiry is an attribute compared in code — DynamoDB's TTL deletes days
 * late, and dynalite has none — so a node is dead for everyone the moment {@code aliveUntil} has
 * passed, by the reader's clock. Not a port of the core: only the standalone composition root uses
 * it, to refuse a second node without a backplane and to sweep the connections of dead ones.
 *
 * <p>Its calls are not metered: a heartbeat every few seconds would move {@code /metrics} at times
 * that have nothing to do with traffic.
 */
public final class DynamoDbNodeRegistry {
  private static final Table.Op BEAT = new Table.Op("nodes", "beat");
  private static final Table.Op LIST = new Table.Op("nodes", "list");
  private static final Table.Op CONNECTIONS = new Table.Op("nodes", "connections");
  private static final Table.Op FORGET = new Table.Op("nodes", "forget");

  private final Table table;

  public DynamoDbNodeRegistry(DynamoDbClient client, String tableName) {
    this.table = new Table(client, tableName, PortMetrics.NONE);
  }

  /** One node's heartbeat as read back. */
  public record Node(NodeId id, String backplane, Instant aliveUntil) {
    public boolean aliveAt(Instant now) {
      return aliveUntil.isAfter(now);
    }
  }

  /** Writes (or renews) {@code node}'s heartbeat: alive until {@code aliveUntil}. */
  public void beat(NodeId node, String backplane, Instant startedAt, Instant aliveUntil) {
    Map<String, AttributeValue> item =
        new HashMap<>(Table.key(NodeItems.PARTITION, NodeItems.NODE + node.value()));
    item.put(Attributes.TYPE, Attributes.of("node"));
    item.put(NodeItems.BACKPLANE, Attributes.of(backplane));
    item.put(NodeItems.STARTED_AT, Attributes.of(startedAt));
    item.put(NodeItems.ALIVE_UNTIL, Attributes.of(aliveUntil.toEpochMilli()));
    table.put(BEAT, PutItemRequest.builder().item(item));
  }

  /**
   * Every node that wrote a heartbeat and was not forgotten, alive or not (strongly consistent).
   */
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.queryAll(
            LIST,
            QueryRequest.builder()
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableDefinition.PK))
                .expressionAttributeValues(Map.of(":pk", Attributes.of(NodeItems.PARTITION)))
                .consistentRead(true))) {
      nodes.add(
          new Node(
              new NodeId(
                  Attributes.after(NodeItems.NODE, Attributes.string(item, TableDefinition.SK))),
              Attributes.string(item, NodeItems.BACKPLANE),
              Instant.ofEpochMilli(Attributes.number(item, NodeItems.ALIVE_UNTIL))));
    }
    return nodes;
  }

  /**
   * The connections registered as held by {@code node}, from the index (eventually consistent: the
   * sweeper asks long after the node stopped registering any).
   */
  public List<ConnectionId> connectionsOn(NodeId node) {
    List<ConnectionId> ids = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.queryAll(
            CONNECTIONS,
            QueryRequest.builder()
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", TableDefinition.GSI1_PK))
                .expressionAttributeValues(
                    Map.of(":g", Attributes.of(NodeItems.NODE + node.value()))))) {
      ids.add(
          new ConnectionId(
              Attributes.after(
                  ConnectionItems.CONNECTION, Attributes.string(item, TableDefinition.PK))));
    }
    return ids;
  }

  /** Deletes {@code node}'s heartbeat: on a clean stop, or once its connections were swept. */
  public void forget(NodeId node) {
    table.delete(
        FORGET,
        DeleteItemRequest.builder()
            .key(Table.key(NodeItems.PARTITION, NodeItems.NODE + node.value())));
  }
}
