package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Outbound adapter: keeps accounts in the DynamoDB table, a handle held by a conditional put.
 *
 * <p>Sign-up writes the profile first, then claims the handle with {@code attribute_not_exists}.
 * This order leaves no dangling claim to recover from: a claim exists only once its profile does.
 * If the claim is refused the profile is deleted again (nothing written); if the claim write fails
 * outright the profile stays as an orphan nobody can reach, because its id was never handed out
 * (sign-up failed) and no claim points to it. If the claim landed but its answer was lost, a
 * retried sign-up with the same handle is told it is taken, and the person signs in instead with
 * the password the claim already holds.
 *
 * <p>Both reads are strongly consistent: a handle claimed a moment ago must be seen as taken, and a
 * user id is handed out (in a token) right after sign-up, so reading it back must find it.
 */
public final class DynamoDbUserStoreAdapter implements UserStore {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbUserStoreAdapter.class);
  private static final String PORT = "users";
  private static final Table.Op CREATE = new Table.Op(PORT, "create");
  private static final Table.Op FIND_BY_ID = new Table.Op(PORT, "findById");
  private static final Table.Op FIND_BY_HANDLE = new Table.Op(PORT, "findByHandle");

  private final Table table;

  public DynamoDbUserStoreAdapter(DynamoDbClient client, String tableName, PortMetrics metrics) {
    this.table = new Table(client, tableName, metrics);
  }

  @Override
  public void create(User user) {
    table.put(CREATE, PutItemRequest.builder().item(UserItems.profile(user)));
    try {
      table.put(
          CREATE,
          PutItemRequest.builder()
              .item(UserItems.claim(user))
              .conditionExpression("attribute_not_exists(#pk)")
              .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
    } catch (ConditionalCheckFailedException taken) {
      // The SDK retries a write whose answer was lost; its second try then meets our own claim.
      Map<String, AttributeValue> claim =
          table.get(CREATE, UserItems.claimKey(user.handle()), true);
      if (claim != null && UserItems.user(claim).id().equals(user.id())) {
        return;
      }
      forgetProfile(user);
      throw new HandleTakenException(user.handle());
    }
  }

  private void forgetProfile(User user) {
    try {
      table.delete(CREATE, DeleteItemRequest.builder().key(UserItems.profileKey(user.id())));
    } catch (StoreUnavailableException e) {
      // Unreachable garbage: no claim points to it and its id was never handed out.
      log.warn("event=orphan_profile_left user={} reason=store_unavailable", user.id());
    }
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(table.get(FIND_BY_ID, UserItems.profileKey(id), true))
        .map(UserItems::user);
  }

  @Override
  public Optional<User> findByHandle(Handle handle) {
    return Optional.ofNullable(table.get(FIND_BY_HANDLE, UserItems.claimKey(handle), true))
        .map(UserItems::user);
  }
}
