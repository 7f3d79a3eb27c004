package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.ConnectionStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The ConnectionStore contract, unchanged, on dynalite. */
class DynamoDbConnectionStoreAdapterTest extends ConnectionStoreContract {
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Override
  protected ConnectionStore connections() {
    return stores.connections();
  }
}
