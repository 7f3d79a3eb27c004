package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.ConnectionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The ConnectionStore contract on a real SQLite file in a fresh data directory. */
class SqliteConnectionStoreAdapterTest extends ConnectionStoreContract {
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
  protected ConnectionStore connections() {
    return stores.connections();
  }
}
