package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps open connections to two kinds of item: one per connection ({@code CONN#id / CONN}: whose it
 * is, so that closing it finds the user) and one per user ({@code USER#id / CONNS}: the set of the
 * user's connection ids, so that the fan-out reads every member's set in one batch). A connection
 * whose id names the node holding it is also indexed under that node ({@code gsi1pk = NODE#node}),
 * so that the connections of a node that died can be found and removed (docs/scale-out.md).
 */
final class ConnectionItems {
  static final String CONNECTION = "CONN#";
  static final String CONNECTION_SK = "CONN";
  static final String SET_SK = "CONNS";

  static final String USER_ID = "userId";
  static final String OPENED_AT = "openedAt";
  static final String IDS = "connectionIds";

  private ConnectionItems() {}

  static Map<String, AttributeValue> connectionKey(ConnectionId connection) {
    return Table.key(CONNECTION + connection.value(), CONNECTION_SK);
  }

  static Map<String, AttributeValue> setKey(UserId user) {
    return Table.key(UserItems.USER + user.value(), SET_SK);
  }

  static Map<String, AttributeValue> connection(
      ConnectionId connection, UserId user, Instant openedAt, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(connectionKey(connection));
    item.put(Attributes.TYPE, of("connection"));
    item.put(USER_ID, of(user.value()));
    item.put(OPENED_AT, of(openedAt));
    item.put(TableDefinition.TTL, Attributes.expiry(expiresAt));
    connection
        .node()
        .ifPresent(
            node -> {
              item.put(TableDefinition.GSI1_PK, of(NodeItems.NODE + node.value()));
              item.put(TableDefinition.GSI1_SK, of(CONNECTION + connection.value()));
            });
    return item;
  }

  static UserId userOfSet(Map<String, AttributeValue> item) {
    return new UserId(
        Attributes.after(UserItems.USER, Attributes.string(item, TableDefinition.PK)));
  }
}
