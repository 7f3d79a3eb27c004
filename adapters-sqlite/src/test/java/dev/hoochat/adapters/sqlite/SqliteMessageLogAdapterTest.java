package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.MessageLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The MessageLog contract on a real SQLite file in a fresh data directory. */
class SqliteMessageLogAdapterTest extends MessageLogContract {
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
  protected MessageLog log() {
    return stores.messages();
  }
}
