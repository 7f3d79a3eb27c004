package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The four DynamoDB store adapters over one client, built once per process by a composition root:
 *
 * <pre>{@code
 * DynamoDbStores dynamo = DynamoDbStores.connect(settings, metrics);
 * dynamo.requireTable();           // fail fast: unreachable or no table
 * ... dynamo.users(), dynamo.groups(), dynamo.messages(), dynamo.connections()
 * ... dynamo.groupLocks(clock)     // when other processes share the table
 * dynamo.close();                  // on shutdown
 * }</pre>
 */
public final class DynamoDbStores implements AutoCloseable {
  private final DynamoDbClient client;
  private final TableDefinition definition;
  private final PortMetrics metrics;
  private final DynamoDbUserStoreAdapter users;
  private final DynamoDbGroupStoreAdapter groups;
  private final DynamoDbMessageLogAdapter messages;
  private final DynamoDbConnectionStoreAdapter connections;

  private DynamoDbStores(DynamoDbClient client, TableDefinition definition, PortMetrics metrics) {
    this.client = client;
    this.definition = definition;
    this.metrics = metrics;
    this.users = new DynamoDbUserStoreAdapter(client, definition.tableName(), metrics);
    this.groups = new DynamoDbGroupStoreAdapter(client, definition.tableName(), metrics);
    this.messages = new DynamoDbMessageLogAdapter(client, definition.tableName(), metrics);
    this.connections = new DynamoDbConnectionStoreAdapter(client, definition.tableName(), metrics);
  }

  /**
   * Builds the client (no request is sent yet) and the adapters on it. {@code interceptors} see
   * every request, e.g. to count round trips or bytes.
   */
  public static DynamoDbStores connect(
      DynamoDbSettings settings, PortMetrics metrics, ExecutionInterceptor... interceptors) {
    Objects.requireNonNull(metrics, "metrics");
    return new DynamoDbStores(client(settings, interceptors), settings.tableDefinition(), metrics);
  }

  /**
   * As {@link #connect}, but the client is built by the first request that reaches the store: for a
   * process that must answer soon after it starts and may answer its first requests from the cache
   * (a Lambda environment started on demand).
   */
  public static DynamoDbStores connectOnFirstUse(DynamoDbSettings settings, PortMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    return new DynamoDbStores(
        new OnFirstUseDynamoDbClient(() -> client(settings)), settings.tableDefinition(), metrics);
  }

  /**
   * A client on the JDK's URL connection (no Netty, no Apache: smaller, faster cold starts), with
   * short timeouts so that an outage turns into {@link StoreUnavailableException} rather than a
   * request that hangs. The SDK's standard mode retries throttling and I/O errors within the call
   * timeout.
   */
  public static DynamoDbClient client(
      DynamoDbSettings settings, ExecutionInterceptor... interceptors) {
    Duration attempt = settings.callTimeout().dividedBy(3);
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(min(attempt, Duration.ofSeconds(1)))
                    .socketTimeout(attempt)
                    .build())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(settings.callTimeout())
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(List.of(interceptors)));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(DynamoDbSettings settings) {
    if (settings.localServer()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Checks, with one request, that the store answers and the table exists: a composition root calls
   * this at start to fail with one line instead of on the first request.
   *
   * @throws StoreUnavailableException when the server does not answer
   * @throws IllegalStateException when the table does not exist
   */
  public void requireTable() {
    boolean exists;
    try {
      exists = definition.exists(client);
    } catch (SdkException e) {
      if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
        // The SDK lists every provider it tried, over a thousand characters: say what to set.
        throw new StoreUnavailableException(
            "DynamoDB: no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                + " or AWS_PROFILE)",
            e);
      }
      throw new StoreUnavailableException("DynamoDB does not answer (" + e.getMessage() + ")", e);
    }
    if (!exists) {
      throw new IllegalStateException(
          "DynamoDB table '" + definition.tableName() + "' does not exist: run create-table");
    }
  }

  public DynamoDbClient client() {
    return client;
  }

  public TableDefinition table() {
    return definition;
  }

  public DynamoDbUserStoreAdapter users() {
    return users;
  }

  public DynamoDbGroupStoreAdapter groups() {
    return groups;
  }

  public DynamoDbMessageLogAdapter messages() {
    return messages;
  }

  public DynamoDbConnectionStoreAdapter connections() {
    return connections;
  }

  /**
   * Group locks kept in the table, for processes that share it (every Lambda execution
   * environment), with leases dated by {@code clock}. Call it once per process: the locks queue
   * this process's own posts before they contend for the table.
   */
  public DynamoDbGroupLocksAdapter groupLocks(Clock clock) {
    return new DynamoDbGroupLocksAdapter(client, definition.tableName(), metrics, clock);
  }

  /** The heartbeats of the standalone nodes sharing the table (docs/scale-out.md). */
  public DynamoDbNodeRegistry nodes() {
    return new DynamoDbNodeRegistry(client, definition.tableName());
  }

  @Override
  public void close() {
    client.close();
  }
}
