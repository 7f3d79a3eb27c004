package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store port on one SQLite database in a data directory, for the one process that holds the
 * directory (so the composition root's in-process group locks order every post to it). {@link
 * #open} creates what is missing (the directory, owner-only; the database, at the current schema),
 * migrates an older schema, refuses a newer one, and forgets the connections a previous process
 * left behind.
 */
public final class SqliteStores implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteStores.class);

  private final DataDirectory directory;
  private final SqliteDatabase db;
  private final SqliteUserStoreAdapter users;
  private final SqliteGroupStoreAdapter groups;
  private final SqliteMessageLogAdapter messages;
  private final SqliteConnectionStoreAdapter connections;

  private SqliteStores(DataDirectory directory, SqliteDatabase db) {
    this.directory = directory;
    this.db = db;
    this.users = new SqliteUserStoreAdapter(db);
    this.groups = new SqliteGroupStoreAdapter(db);
    this.messages = new SqliteMessageLogAdapter(db);
    this.connections = new SqliteConnectionStoreAdapter(db);
  }

  /**
   * Opens the data directory {@code dataDir} (creating it and its database if needed) for this
   * process.
   *
   * @throws SqliteSetupException with one line for an operator when it cannot be used
   */
  public static SqliteStores open(Path dataDir) {
    DataDirectory directory = DataDirectory.hold(dataDir);
    try {
      SqliteStores stores = new SqliteStores(directory, SqliteDatabase.open(directory.database()));
      int leftover = stores.connections.forgetAll();
      log.info(
          "event=sqlite_opened file={} schema={} leftover_connections_cleared={}",
          directory.database(),
          Schema.CURRENT,
          leftover);
      return stores;
    } catch (RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Copies the database in {@code dataDir} to {@code target} while a server may be writing it: a
   * consistent snapshot ({@code VACUUM INTO}), compact, with nothing the server had deleted. The
   * keys are not in it: they are kept apart (see the module's README on restoring).
   *
   * @throws SqliteSetupException when there is no database, or the target exists already
   */
  public static Path backup(Path dataDir, Path target) {
    Path source = dataDir.toAbsolutePath().normalize().resolve(DataDirectory.DATABASE);
    Path to = target.toAbsolutePath().normalize();
    if (!Files.isRegularFile(source)) {
      throw new SqliteSetupException(
          "there is no database at " + source + "; is --data-dir the server's?", null);
    }
    if (Files.exists(to)) {
      throw new SqliteSetupException(
          to + " exists already; a backup never overwrites, choose another --to", null);
    }
    try {
      if (to.getParent() != null) {
        Files.createDirectories(to.getParent());
      }
    } catch (IOException e) {
      throw new SqliteSetupException("cannot create the directory of " + to, e);
    }
    SqliteDatabase.copy(source, to);
    return to;
  }

  /** The keys kept in the data directory, generated on first use. */
  public KeyFile.Keys keys() {
    return KeyFile.loadOrCreate(directory.path());
  }

  /** The absolute data directory. */
  public Path directory() {
    return directory.path();
  }

  public Path databaseFile() {
    return db.file();
  }

  public UserStore users() {
    return users;
  }

  public GroupStore groups() {
    return groups;
  }

  public MessageLog messages() {
    return messages;
  }

  public ConnectionStore connections() {
    return connections;
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      directory.close();
    }
  }
}
