package dev.hoochat.adapters.dynamodb;

import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * A DynamoDB client built by the first request that needs it, then kept. Building one loads over a
 * thousand SDK classes (about half a second in a fresh JVM); a Lambda environment started on demand
 * whose first requests the cache answers — the authorizer's repeat token — then never waits for it.
 * It offers the operations HooChat's adapters call; any other is the SDK's default refusal.
 */
final class OnFirstUseDynamoDbClient implements DynamoDbClient {
  private final Supplier<DynamoDbClient> build;
  private volatile DynamoDbClient client;
  private volatile boolean closed;

  OnFirstUseDynamoDbClient(Supplier<DynamoDbClient> build) {
    this.build = build;
  }

  private DynamoDbClient client() {
    DynamoDbClient built = client;
    if (built == null) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("the DynamoDB client is closed");
        }
        built = client;
        if (built == null) {
          built = build.get();
          client = built;
        }
      }
    }
    return built;
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return client().getItem(request);
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    return client().batchGetItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return client().query(request);
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return client().putItem(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return client().updateItem(request);
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    return client().deleteItem(request);
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    return client().batchWriteItem(request);
  }

  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return client().describeTable(request);
  }

  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    return client().createTable(request);
  }

  @Override
  public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
    return client().updateTimeToLive(request);
  }

  @Override
  public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
    }
  }
}
