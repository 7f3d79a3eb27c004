package dev.hoochat.adapters.dynamodb;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The HooChat table, described once: its key schema, its one global secondary index and its TTL
 * attribute. The tests, the standalone server's {@code create-table} command and the Lambda
 * deployment template all take the shape from here.
 *
 * <p>Keys are strings. {@code pk}/{@code sk} address every item; the index {@value #GSI1} ({@code
 * gsi1pk}/{@code gsi1sk}, keys only) answers "the groups of a user" from the membership items. On
 * demand billing: the load is spiky and small.
 */
public record TableDefinition(String tableName) {
  private static final Logger log = LoggerFactory.getLogger(TableDefinition.class);

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String GSI1 = "gsi1";
  public static final String GSI1_PK = "gsi1pk";
  public static final String GSI1_SK = "gsi1sk";

  /**
   * Epoch seconds after which DynamoDB may delete the item. Written on connections and idempotency
   * records as a backstop only: nothing relies on the deletion for correctness.
   */
  public static final String TTL = "expiresAt";

  public TableDefinition {
    Objects.requireNonNull(tableName, "tableName");
    if (!tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException("a DynamoDB table name is 3-255 of A-Z a-z 0-9 _ . -");
    }
  }

  public CreateTableRequest createTableRequest() {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(PK), string(SK), string(GSI1_PK), string(GSI1_SK))
        .keySchema(hash(PK), range(SK))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder()
                .indexName(GSI1)
                .keySchema(hash(GSI1_PK), range(GSI1_SK))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build())
        .build();
  }

  public UpdateTimeToLiveRequest timeToLiveRequest() {
    return UpdateTimeToLiveRequest.builder()
        .tableName(tableName)
        .timeToLiveSpecification(
            TimeToLiveSpecification.builder().attributeName(TTL).enabled(true).build())
        .build();
  }

  /**
   * Creates the table unless it exists, waits until it is active and turns TTL on. Answers whether
   * it created the table. A server without TTL (dynalite) is told nothing more: TTL is a backstop.
   */
  public boolean createIfMissing(DynamoDbClient client, Duration patience) {
    // Asked first, because the answer to CreateTable cannot say it: when a slow first attempt is
    // retried by the SDK, the retry meets the table that attempt created ("in use"). A table
    // missing a moment ago and in use now was created by this call or a concurrent one.
    boolean created = !exists(client);
    if (created) {
      try {
        client.createTable(createTableRequest());
      } catch (ResourceInUseException createdMeanwhile) {
        // created by this call's own earlier attempt, or by another at the same moment
      }
    }
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                    .waitTimeout(patience)
                    .build())
            .build()) {
      waiter.waitUntilTableExists(DescribeTableRequest.builder().tableName(tableName).build());
    }
    if (created) {
      try {
        client.updateTimeToLive(timeToLiveRequest());
      } catch (DynamoDbException e) {
        log.warn(
            "event=table_ttl_not_enabled table={} reason={}",
            tableName,
            e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
      }
      log.info("event=table_created table={}", tableName);
    }
    return created;
  }

  /** Whether the table exists on the server {@code client} talks to. */
  public boolean exists(DynamoDbClient client) {
    try {
      client.describeTable(DescribeTableRequest.builder().tableName(tableName).build());
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
