package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.wiring.StoreChoice;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** A fresh table on a DynamoDB-compatible server, and a real client to look inside it. */
final class DynaliteTables {
  private DynaliteTables() {}

  /** Creates a table of its own and answers the server configuration that uses it. */
  static ServerConfig.Builder serverOn(URI endpoint) {
    String table = "hoochat-" + UUID.randomUUID().toString().substring(0, 8);
    try (DynamoDbClient client = DynamoDbStores.client(DynamoDbSettings.local(endpoint, table))) {
      DynamoDbSettings.local(endpoint, table)
          .tableDefinition()
          .createIfMissing(client, Duration.ofSeconds(60));
    }
    return ServerConfig.embedded().toBuilder()
        .store(StoreChoice.DYNAMODB)
        .dynamoDb(Optional.of(endpoint), table)
        .keys(Optional.of(randomKey()), Optional.of(randomKey()))
        .postsPerMinute(0)
        .passwordIterations(1_000);
  }

  /** Every item of the table, each as one line of text. */
  static List<String> scan(URI endpoint, String table) {
    List<String> items = new ArrayList<>();
    try (DynamoDbClient client = DynamoDbStores.client(DynamoDbSettings.local(endpoint, table))) {
      client
          .scanPaginator(ScanRequest.builder().tableName(table).build())
          .items()
          .forEach(item -> items.add(item.toString()));
    }
    return items;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
