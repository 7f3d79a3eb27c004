package dev.hoochat.adapters.dynamodb;

import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import java.time.Duration;

/**
 * Test fixture: the HooChat table on the JVM's shared dynalite, created once. Tests use random ids,
 * so they share it; each test class builds its own {@link DynamoDbStores} to meter its own calls.
 */
final class DynaliteTable {
  static final String NAME = "hoochat-test";

  private static DynamoDbSettings settings;

  private DynaliteTable() {}

  static synchronized DynamoDbSettings settings() {
    if (settings == null) {
      DynaliteLauncher dynalite = DynaliteLauncher.shared();
      settings = DynamoDbSettings.local(dynalite.endpoint(), NAME);
      create(settings);
    }
    return settings;
  }

  static void create(DynamoDbSettings on) {
    try (var client = DynamoDbStores.client(on)) {
      on.tableDefinition().createIfMissing(client, Duration.ofSeconds(30));
    }
  }

  static DynamoDbStores stores(RecordedCalls calls) {
    return DynamoDbStores.connect(settings(), calls, calls);
  }
}
