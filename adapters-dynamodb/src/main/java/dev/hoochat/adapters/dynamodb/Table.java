package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one table as the adapters see it: every request goes through here, so that each asks for its
 * consumed capacity, reports it to {@link PortMetrics}, and has its failures translated the same
 * way. A refused condition is an answer ({@link ConditionalCheckFailedException} passes through);
 * an unreachable, throttled, timed-out or failing server is a {@link StoreUnavailableException}.
 */
final class Table {
  /** BatchGetItem reads at most this many keys per request. */
  static final int BATCH_GET_LIMIT = 100;

  /** BatchWriteItem writes at most this many items per request. */
  static final int BATCH_WRITE_LIMIT = 25;

  /** Unprocessed keys are sent again this often before the store counts as throttled. */
  private static final int UNPROCESSED_ROUNDS = 5;

  private final DynamoDbClient client;
  private final String name;
  private final PortMetrics metrics;

  Table(DynamoDbClient client, String name, PortMetrics metrics) {
    this.client = client;
    this.name = name;
    this.metrics = metrics;
  }

  String name() {
    return name;
  }

  /** Reads one item; {@code consistent} says whether it must see every write acknowledged. */
  Map<String, AttributeValue> get(Op op, Map<String, AttributeValue> key, boolean consistent) {
    GetItemResponse response =
        call(
            op,
            () ->
                client.getItem(
                    GetItemRequest.builder()
                        .tableName(name)
                        .key(key)
                        .consistentRead(consistent)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build()));
    report(op, response.consumedCapacity(), Kind.READ);
    return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
  }

  PutItemResponse put(Op op, PutItemRequest.Builder request) {
    PutItemResponse response =
        call(
            op,
            () ->
                client.putItem(
                    request
                        .tableName(name)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build()));
    report(op, response.consumedCapacity(), Kind.WRITE);
    return response;
  }

  UpdateItemResponse update(Op op, UpdateItemRequest.Builder request) {
    UpdateItemResponse response =
        call(
            op,
            () ->
                client.updateItem(
                    request
                        .tableName(name)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build()));
    report(op, response.consumedCapacity(), Kind.WRITE);
    return response;
  }

  DeleteItemResponse delete(Op op, DeleteItemRequest.Builder request) {
    DeleteItemResponse response =
        call(
            op,
            () ->
                client.deleteItem(
                    request
                        .tableName(name)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build()));
    report(op, response.consumedCapacity(), Kind.WRITE);
    return response;
  }

  /** Every page of a query, concatenated; callers keep their queries to one partition. */
  List<Map<String, AttributeValue>> queryAll(Op op, QueryRequest.Builder request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page = query(op, request.exclusiveStartKey(start));
      items.addAll(page.items());
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return items;
  }

  /** One page of a query. */
  QueryResponse query(Op op, QueryRequest.Builder request) {
    QueryResponse response =
        call(
            op,
            () ->
                client.query(
                    request
                        .tableName(name)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build()));
    report(op, response.consumedCapacity(), Kind.READ);
    return response;
  }

  /**
   * Reads up to {@value #BATCH_GET_LIMIT} keys in one request (more only if the server leaves some
   * unprocessed, which it does when throttled or past 16 MB).
   */
  List<Map<String, AttributeValue>> batchGet(
      Op op,
      List<Map<String, AttributeValue>> keys,
      boolean consistent,
      String projection,
      Map<String, String> names) {
    if (keys.size() > BATCH_GET_LIMIT) {
      throw new IllegalArgumentException("at most " + BATCH_GET_LIMIT + " keys per batch");
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    if (keys.isEmpty()) {
      return items;
    }
    KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().keys(keys);
    wanted.consistentRead(consistent);
    if (projection != null) {
      wanted.projectionExpression(projection).expressionAttributeNames(names);
    }
    Map<String, KeysAndAttributes> pending = Map.of(name, wanted.build());
    for (int round = 0; round < UNPROCESSED_ROUNDS && !pending.isEmpty(); round++) {
      Map<String, KeysAndAttributes> ask = pending;
      BatchGetItemResponse response =
          call(
              op,
              () ->
                  client.batchGetItem(
                      BatchGetItemRequest.builder()
                          .requestItems(ask)
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                          .build()));
      for (ConsumedCapacity capacity : response.consumedCapacity()) {
        report(op, capacity, Kind.READ);
      }
      items.addAll(response.responses().getOrDefault(name, List.of()));
      pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
    }
    if (!pending.isEmpty()) {
      throw new StoreUnavailableException(
          "DynamoDB left keys unprocessed (" + op.label() + "): throttled", null);
    }
    return items;
  }

  /** Deletes the keys, {@value #BATCH_WRITE_LIMIT} per request, unconditionally. */
  void batchDelete(Op op, List<Map<String, AttributeValue>> keys) {
    List<WriteRequest> all = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> key : keys) {
      all.add(
          WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
    }
    batchWrite(op, all);
  }

  void batchWrite(Op op, List<WriteRequest> writes) {
    for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
      List<WriteRequest> chunk =
          writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT));
      Map<String, List<WriteRequest>> pending = Map.of(name, chunk);
      for (int round = 0; round < UNPROCESSED_ROUNDS && !pending.isEmpty(); round++) {
        Map<String, List<WriteRequest>> ask = pending;
        BatchWriteItemResponse response =
            call(
                op,
                () ->
                    client.batchWriteItem(
                        BatchWriteItemRequest.builder()
                            .requestItems(ask)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                            .build()));
        for (ConsumedCapacity capacity : response.consumedCapacity()) {
          report(op, capacity, Kind.WRITE);
        }
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
      if (!pending.isEmpty()) {
        throw new StoreUnavailableException(
            "DynamoDB left writes unprocessed (" + op.label() + "): throttled", null);
      }
    }
  }

  private <T> T call(Op op, Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException refused) {
      throw refused; // an answer, for the adapter to read
    } catch (SdkException e) {
      throw translate(op, e);
    }
  }

  /**
   * Which failures mean "the store could not answer": the client gave up (connection refused,
   * timeouts, I/O), the server throttled, the server failed (5xx), or the table is missing.
   * Anything else (a malformed request) is a defect and surfaces as it is.
   */
  static RuntimeException translate(Op op, SdkException e) {
    if (e instanceof SdkClientException
        || e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException
        || e instanceof InternalServerErrorException
        || e instanceof ResourceNotFoundException
        || (e instanceof DynamoDbException service
            && (service.isThrottlingException() || service.statusCode() >= 500))) {
      return new StoreUnavailableException(
          "DynamoDB did not answer " + op.label() + ": " + e.getMessage(), e);
    }
    return e;
  }

  private void report(Op op, ConsumedCapacity capacity, Kind kind) {
    if (capacity == null || capacity.capacityUnits() == null) {
      return;
    }
    // TOTAL gives CapacityUnits; only real DynamoDB also splits it into read and write units.
    double units = capacity.capacityUnits();
    double read =
        capacity.readCapacityUnits() != null
            ? capacity.readCapacityUnits()
            : kind == Kind.READ ? units : 0;
    double write =
        capacity.writeCapacityUnits() != null
            ? capacity.writeCapacityUnits()
            : kind == Kind.WRITE ? units : 0;
    metrics.consumed(op.port(), op.name(), read, write);
  }

  private enum Kind {
    READ,
    WRITE
  }

  /** A port method, named as the metrics name it: {@code port} and {@code op} labels. */
  record Op(String port, String name) {
    String label() {
      return port + "." + name;
    }
  }

  /** A key of the table. */
  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(
        TableDefinition.PK, AttributeValue.fromS(pk), TableDefinition.SK, AttributeValue.fromS(sk));
  }
}
