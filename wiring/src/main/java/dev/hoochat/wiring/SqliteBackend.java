package dev.hoochat.wiring;

import dev.hoochat.adapters.sqlite.KeyFile;
import dev.hoochat.adapters.sqlite.SqliteSetupException;
import dev.hoochat.adapters.sqlite.SqliteStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The only class that names the SQLite adapter. It is reached from one branch of {@link Backends}
 * (and the standalone's backup command), so a runtime built without adapters-sqlite — the Lambda
 * jar — never loads it, and refuses {@code sqlite} in {@link Settings} before it would.
 */
final class SqliteBackend {
  private SqliteBackend() {}

  static StoreSet open(Path dataDir, List<AutoCloseable> resources) {
    SqliteStores sqlite;
    try {
      sqlite = SqliteStores.open(dataDir);
    } catch (SqliteSetupException e) {
      throw new InvalidSettingException(e.getMessage(), e);
    }
    resources.add(sqlite);
    StoreSet.KeptKeys kept =
        new StoreSet.KeptKeys() {
          private KeyFile.Keys keys;

          private synchronized KeyFile.Keys keys() {
            if (keys == null) {
              try {
                keys = sqlite.keys();
              } catch (SqliteSetupException e) {
                throw new InvalidSettingException(e.getMessage(), e);
              }
            }
            return keys;
          }

          @Override
          public String tokenKey() {
            return keys().tokenKey();
          }

          @Override
          public String senderKey() {
            return keys().senderKey();
          }
        };
    return new StoreSet(
        sqlite.users(),
        sqlite.groups(),
        sqlite.messages(),
        sqlite.connections(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(sqlite.directory()),
        Optional.of(kept));
  }

  /** {@code backup}: a consistent copy while the server runs; the keys are not in it. */
  static Backends.Backup backup(Path dataDir, Path to) {
    Path written;
    try {
      written = SqliteStores.backup(dataDir, to);
    } catch (SqliteSetupException e) {
      throw new InvalidSettingException("backup failed: " + e.getMessage(), e);
    }
    Path keys = dataDir.toAbsolutePath().normalize().resolve(KeyFile.NAME);
    return new Backends.Backup(
        dataDir.toAbsolutePath().normalize(),
        written,
        Files.exists(keys) ? Optional.of(keys) : Optional.empty());
  }
}
