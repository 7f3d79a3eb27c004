package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.UserStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The UserStore contract, unchanged, on dynalite. */
class DynamoDbUserStoreAdapterTest extends UserStoreContract {
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Override
  protected UserStore users() {
    return stores.users();
  }
}
