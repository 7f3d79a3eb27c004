package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.UserStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The UserStore contract on a real SQLite file in a fresh data directory. */
class SqliteUserStoreAdapterTest extends UserStoreContract {
  @TempDir Path dataDir;
  private SqliteStores stores;

  @BeforeEach
  void open() {
    stores = SqliteStores.open(dataDir);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Override
  protected UserStore users() {
    return stores.users();
  }
}
