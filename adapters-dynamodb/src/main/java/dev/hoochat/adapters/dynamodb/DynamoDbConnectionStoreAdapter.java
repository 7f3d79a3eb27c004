package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Outbound adapter: keeps who has which WebSocket connection open in the DynamoDB table, one set
 * per user so that {@link #connectionsOf} is one BatchGetItem for up to 100 users (a query per user
 * would be one round trip per member).
 *
 * <p>Opening puts the connection's item, then adds its id to the user's set; closing reads the
 * connection's item, removes the id from the set, then deletes the item. In that order a failure
 * halfway can be retried: the item that says whose the connection is goes last. Both items carry a
 * TTL ({@value #TTL_DAYS} day after the latest opening) as a backstop against connections that were
 * never closed; each opening pushes the set's expiry past all of its members'.
 */
public final class DynamoDbConnectionStoreAdapter implements ConnectionStore {
  private static final String PORT = "connections";
  private static final Table.Op REGISTER = new Table.Op(PORT, "register");
  private static final Table.Op UNREGISTER = new Table.Op(PORT, "unregister");
  private static final Table.Op CONNECTIONS_OF = new Table.Op(PORT, "connectionsOf");

  /** API Gateway closes a WebSocket after 2 hours; a standalone server's rarely live a day. */
  static final int TTL_DAYS = 1;

  private static final Duration TTL = Duration.ofDays(TTL_DAYS);

  private static final Map<String, String> PROJECTION_NAMES =
      Map.of("#pk", TableDefinition.PK, "#ids", ConnectionItems.IDS);

  private final Table table;

  public DynamoDbConnectionStoreAdapter(
      DynamoDbClient client, String tableName, PortMetrics metrics) {
    this.table = new Table(client, tableName, metrics);
  }

  @Override
  public void register(ConnectionId connection, UserId user, Instant openedAt) {
    Instant expiresAt = openedAt.plus(TTL);
    table.put(
        REGISTER,
        PutItemRequest.builder()
            .item(ConnectionItems.connection(connection, user, openedAt, expiresAt)));
    table.update(
        REGISTER,
        UpdateItemRequest.builder()
            .key(ConnectionItems.setKey(user))
            .updateExpression("ADD #ids :id SET #ttl = :ttl, #type = :type")
            .expressionAttributeNames(
                Map.of(
                    "#ids",
                    ConnectionItems.IDS,
                    "#ttl",
                    TableDefinition.TTL,
                    "#type",
                    Attributes.TYPE))
            .expressionAttributeValues(
                Map.of(
                    ":id",
                    AttributeValue.fromSs(List.of(connection.value())),
                    ":ttl",
                    Attributes.expiry(expiresAt),
                    ":type",
                    Attributes.of("connections"))));
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    Map<String, AttributeValue> item =
        table.get(UNREGISTER, ConnectionItems.connectionKey(connection), true);
    if (item == null) {
      return Optional.empty();
    }
    UserId user = new UserId(Attributes.string(item, ConnectionItems.USER_ID));
    // DELETE of the last id removes the attribute; the set item itself stays, small and harmless.
    table.update(
        UNREGISTER,
        UpdateItemRequest.builder()
            .key(ConnectionItems.setKey(user))
            .updateExpression("DELETE #ids :id")
            .expressionAttributeNames(Map.of("#ids", ConnectionItems.IDS))
            .expressionAttributeValues(
                Map.of(":id", AttributeValue.fromSs(List.of(connection.value())))));
    table.delete(
        UNREGISTER, DeleteItemRequest.builder().key(ConnectionItems.connectionKey(connection)));
    return Optional.of(user);
  }

  /**
   * One BatchGetItem per 100 users, strongly consistent: the cache refreshes a user's set from this
   * read right after a connection opens, and an eventually consistent read could cache the set
   * without it until the cache entry expires.
   */
  @Override
  public Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (UserId user : new LinkedHashSet<>(users)) {
      keys.add(ConnectionItems.setKey(user));
    }
    Map<UserId, Set<ConnectionId>> open = new HashMap<>();
    for (int from = 0; from < keys.size(); from += Table.BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> chunk =
          keys.subList(from, Math.min(keys.size(), from + Table.BATCH_GET_LIMIT));
      for (Map<String, AttributeValue> item :
          table.batchGet(CONNECTIONS_OF, chunk, true, "#pk, #ids", PROJECTION_NAMES)) {
        AttributeValue ids = item.get(ConnectionItems.IDS);
        if (ids == null || !ids.hasSs() || ids.ss().isEmpty()) {
          continue;
        }
        Set<ConnectionId> connections = new LinkedHashSet<>();
        for (String id : ids.ss()) {
          connections.add(new ConnectionId(id));
        }
        open.put(ConnectionItems.userOfSet(item), Set.copyOf(connections));
      }
    }
    return open;
  }

  private static final Table.Op CLAIM_PRESENCE = new Table.Op(PORT, "claimPresencePush");
  private static final Table.Op MARK_PRESENCE = new Table.Op(PORT, "markPresencePending");
  private static final Table.Op CLAIM_PENDING = new Table.Op(PORT, "claimPendingPresencePush");

  /**
   * One conditional PutItem of the group's gate ({@code LOG#group}/{@code PRESENCE}): it succeeds
   * only if there is no gate or its {@code notBefore} is not after {@code now} — a put-if-absent
   * that also replaces a lapsed claim. Expiry is decided here, in the condition, never by TTL.
   */
  @Override
  public boolean claimPresencePush(GroupId group, Instant now, Instant until) {
    return claim(
        CLAIM_PRESENCE,
        group,
        now,
        until,
        "attribute_not_exists(#pk) OR #nb <= :now",
        Map.of("#pk", TableDefinition.PK, "#nb", MessageItems.NOT_BEFORE));
  }

  /**
   * One UpdateItem {@code SET pending} (1 marked, 2 marked and someone will push), conditional on
   * the gate holding at {@code now} and {@code pending} being lower; ALL_NEW answers the claim's
   * end to the one call that raised it to 2.
   */
  @Override
  public Optional<Instant> markPresencePending(GroupId group, Instant now, boolean willPush) {
    int to = willPush ? 2 : 1;
    try {
      Map<String, AttributeValue> gate =
          table
              .update(
                  MARK_PRESENCE,
                  UpdateItemRequest.builder()
                      .key(MessageItems.presenceKey(group))
                      .updateExpression("SET #p = :to")
                      .conditionExpression(
                          "attribute_exists(#pk) AND #nb > :now"
                              + " AND (attribute_not_exists(#p) OR #p < :to)")
                      .expressionAttributeNames(
                          Map.of(
                              "#pk", TableDefinition.PK,
                              "#nb", MessageItems.NOT_BEFORE,
                              "#p", MessageItems.PENDING))
                      .expressionAttributeValues(
                          Map.of(
                              ":now", Attributes.of(now.toEpochMilli()), ":to", Attributes.of(to)))
                      .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return willPush
          ? Optional.of(Instant.ofEpochMilli(Attributes.number(gate, MessageItems.NOT_BEFORE)))
          : Optional.empty();
    } catch (ConditionalCheckFailedException lapsedOrMarked) {
      return Optional.empty();
    }
  }

  /** One conditional PutItem, as a claim, but only of a lapsed gate that is marked pending. */
  @Override
  public boolean claimPendingPresencePush(GroupId group, Instant now, Instant until) {
    return claim(
        CLAIM_PENDING,
        group,
        now,
        until,
        "attribute_exists(#p) AND #nb <= :now",
        Map.of("#p", MessageItems.PENDING, "#nb", MessageItems.NOT_BEFORE));
  }

  /**
   * Puts a fresh gate (no pending mark) holding until {@code until}, if {@code condition} holds;
   * expiry is decided in the condition, never by TTL.
   */
  private boolean claim(
      Table.Op op,
      GroupId group,
      Instant now,
      Instant until,
      String condition,
      Map<String, String> names) {
    Map<String, AttributeValue> item = new HashMap<>(MessageItems.presenceKey(group));
    item.put(Attributes.TYPE, Attributes.of("presence"));
    item.put(MessageItems.NOT_BEFORE, Attributes.of(until.toEpochMilli()));
    item.put(TableDefinition.TTL, Attributes.expiry(until.plus(java.time.Duration.ofDays(1))));
    try {
      table.put(
          op,
          PutItemRequest.builder()
              .item(item)
              .conditionExpression(condition)
              .expressionAttributeNames(names)
              .expressionAttributeValues(Map.of(":now", Attributes.of(now.toEpochMilli()))));
      return true;
    } catch (ConditionalCheckFailedException held) {
      return false;
    }
  }
}
