package dev.hoochat.adapters.dynamodb;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the table is and how long to wait for it: what a composition root reads from its options or
 * environment. {@code endpoint} is empty for AWS itself (the region's endpoint, default
 * credentials) and set for a local server such as dynalite.
 *
 * @param endpoint a DynamoDB-compatible server to use instead of AWS's
 * @param region the AWS region (any value works for a local server)
 * @param table the table's name
 * @param callTimeout how long one call may take with its retries; a slower store is unavailable
 */
public record DynamoDbSettings(
    Optional<URI> endpoint, String region, String table, Duration callTimeout) {

  public static final String DEFAULT_TABLE = "hoochat";
  public static final String DEFAULT_REGION = "us-east-1";

  /** Short enough that a request held up by an outage answers 503 quickly; covers 3 tries. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(3);

  public DynamoDbSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(callTimeout, "callTimeout");
    new TableDefinition(table); // validates the name
    if (region.isBlank()) {
      throw new IllegalArgumentException("region is blank");
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive");
    }
  }

  /** AWS in {@code region}, with the default credentials chain (Lambda's role, env, profile). */
  public static DynamoDbSettings aws(String region, String table) {
    return new DynamoDbSettings(Optional.empty(), region, table, DEFAULT_CALL_TIMEOUT);
  }

  /** A DynamoDB-compatible server at {@code endpoint}, e.g. {@code http://127.0.0.1:4567}. */
  public static DynamoDbSettings local(URI endpoint, String table) {
    return new DynamoDbSettings(Optional.of(endpoint), DEFAULT_REGION, table, DEFAULT_CALL_TIMEOUT);
  }

  public TableDefinition tableDefinition() {
    return new TableDefinition(table);
  }

  /**
   * Whether to sign with throw-away credentials: only for a server on this machine, which checks
   * the signature's shape but not its key. Anywhere else the real credentials chain applies.
   */
  boolean localServer() {
    if (endpoint.isEmpty() || endpoint.get().getHost() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(endpoint.get().getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
