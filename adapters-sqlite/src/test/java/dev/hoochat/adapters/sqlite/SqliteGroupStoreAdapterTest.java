package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.GroupStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The GroupStore contract on a real SQLite file in a fresh data directory. */
class SqliteGroupStoreAdapterTest extends GroupStoreContract {
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
  protected GroupStore groups() {
    return stores.groups();
  }
}
