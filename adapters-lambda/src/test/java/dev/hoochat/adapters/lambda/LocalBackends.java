package dev.hoochat.adapters.lambda;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real servers behind the Lambda tests: a fresh table on dynalite, and fresh keys. */
public final class LocalBackends {
  private LocalBackends() {}

  /** A table of its own on the shared dynalite, created empty. */
  public static DynamoDbSettings freshTable(String prefix) {
    DynamoDbSettings dynamo =
        DynamoDbSettings.local(
            DynaliteLauncher.shared().endpoint(),
            prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
      dynamo.tableDefinition().createIfMissing(client, Duration.ofSeconds(60));
    }
    return dynamo;
  }

  /** Every item of the table, each as one line of text. */
  public static List<String> items(DynamoDbSettings dynamo) {
    List<String> items = new ArrayList<>();
    try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
      client
          .scanPaginator(r -> r.tableName(dynamo.table()))
          .items()
          .forEach(i -> items.add(i.toString()));
    }
    return items;
  }

  /**
   * A random 256-bit key, base64, as {@code HOOCHAT_TOKEN_KEY} and {@code HOOCHAT_SENDER_KEY} take.
   */
  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
