package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupLocksContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GroupLocks contract on the SQLite stores' locks. A data directory has one process, so the
 * contract's "processes" are views of one set of locks, each with its own patience; that a second
 * process cannot open the directory at all is {@code SqliteDataDirectoryTest}'s.
 */
class SqliteGroupLocksAdapterTest extends GroupLocksContract {
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
  protected GroupLocks process(Duration patience) {
    return stores.groupLocks().withPatience(patience);
  }
}
