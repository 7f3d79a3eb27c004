package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file in WAL mode, used by one process: one writer connection that a lock hands to one
 * transaction at a time, and a few reader connections that WAL lets read a consistent snapshot
 * while the writer writes. Every write is one {@code BEGIN IMMEDIATE … COMMIT} transaction, so a
 * port operation is written whole or not at all, whenever the process dies.
 *
 * <p>{@code synchronous = NORMAL}, SQLite's advice for WAL: a commit is in the WAL (in the OS) when
 * it returns, so an answered write survives the process being killed (SqliteCrashTest); the WAL is
 * synced to disk at checkpoints, so a power cut or kernel crash may lose the last moments' commits
 * but never corrupts the file. {@code FULL} would sync every commit: measured on this project's
 * machine it saturated the server at 74 posts/s where NORMAL kept 100 with a p99 of 23 ms, and
 * tripled a post's median, because the one writer waits for the disk on every post
 * (docs/performance-sqlite.md).
 */
final class SqliteDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

  /** How long a caller waits for the writer or a reader before answering 503. */
  static final Duration PATIENCE = Duration.ofSeconds(5);

  private static final int READERS = 4;

  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers;
  private final List<Connection> all = new ArrayList<>();

  /** Work on a connection inside a transaction the database opened. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private SqliteDatabase(Path file, Connection writer, List<Connection> readerConnections) {
    this.file = file;
    this.writer = writer;
    this.readers = new ArrayBlockingQueue<>(readerConnections.size(), false, readerConnections);
    all.add(writer);
    all.addAll(readerConnections);
  }

  /**
   * Opens (creating if needed) and migrates the database at {@code file}.
   *
   * @throws SqliteSetupException with one line for an operator when it cannot be used
   */
  static SqliteDatabase open(Path file) {
    List<Connection> opened = new ArrayList<>();
    try {
      Connection writer = connect(file, false);
      opened.add(writer);
      Schema.migrate(writer, file);
      List<Connection> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect(file, true);
        opened.add(reader);
        readers.add(reader);
      }
      return new SqliteDatabase(file, writer, readers);
    } catch (SQLException e) {
      closeQuietly(opened);
      throw setupFailure(file, e);
    } catch (RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
  }

  private static Connection connect(Path file, boolean reader) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) PATIENCE.toMillis());
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    if (reader) {
      config.setReadOnly(true);
    } else {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = connection.createStatement()) {
      // Touch the file now, so that a corrupt or foreign file fails here, not on the first post.
      s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** What an operator reads when the file cannot be opened: one line, and what to do. */
  static SqliteSetupException setupFailure(Path file, SQLException e) {
    SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
    String reason = code == null ? e.getMessage() : code.name();
    if (code == SQLiteErrorCode.SQLITE_NOTADB
        || code == SQLiteErrorCode.SQLITE_CORRUPT
        || code == SQLiteErrorCode.SQLITE_CORRUPT_INDEX
        || code == SQLiteErrorCode.SQLITE_CORRUPT_SEQUENCE
        || code == SQLiteErrorCode.SQLITE_CORRUPT_VTAB) {
      return new SqliteSetupException(
          file
              + " is corrupt or not a database ("
              + reason
              + "); stop, move it aside and restore a backup (see adapters-sqlite/README.md)",
          e);
    }
    return new SqliteSetupException(
        "cannot open the database " + file + " (" + oneLine(e) + ")", e);
  }

  Path file() {
    return file;
  }

  /**
   * Runs {@code work} as the one write transaction of this moment. A {@link RuntimeException} from
   * {@code work} (a refusal such as a stale version) rolls back and is rethrown; a database failure
   * rolls back and becomes {@link StoreUnavailableException}.
   */
  <T> T write(Work<T> work) {
    boolean locked = false;
    try {
      locked = writeLock.tryLock(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!locked) {
      throw new StoreUnavailableException(
          "the SQLite writer stayed busy for " + PATIENCE.toMillis() + " ms", null);
    }
    try {
      return inTransaction(writer, "BEGIN IMMEDIATE", work);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a reader, in a read transaction: one snapshot for all its statements. */
  <T> T read(Work<T> work) {
    Connection reader = null;
    try {
      reader = readers.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader == null) {
      throw new StoreUnavailableException(
          "no SQLite reader came free in " + PATIENCE.toMillis() + " ms", null);
    }
    try {
      return inTransaction(reader, "BEGIN", work);
    } finally {
      readers.add(reader);
    }
  }

  private <T> T inTransaction(Connection connection, String begin, Work<T> work) {
    try (Statement s = connection.createStatement()) {
      s.execute(begin);
      T result;
      try {
        result = work.run(connection);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollback(connection);
        throw e;
      }
      return result;
    } catch (SQLException e) {
      log.warn("event=sqlite_failed file={} reason=\"{}\"", file, oneLine(e));
      throw new StoreUnavailableException("SQLite failed: " + oneLine(e), e);
    }
  }

  private static void rollback(Connection connection) {
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction was open (BEGIN or COMMIT failed, and SQLite rolled back by itself).
    }
  }

  /**
   * Copies a consistent snapshot of the database to {@code target} ({@code VACUUM INTO}): a read
   * transaction, so writers go on while it runs. The copy is compact and has no free pages.
   */
  static void copy(Path source, Path target) {
    try (Connection c = connect(source, true);
        java.sql.PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
      Schema.check(c, source);
      vacuum.setString(1, target.toString());
      vacuum.execute();
    } catch (SQLException e) {
      throw setupFailure(source, e);
    }
  }

  /** Folds the WAL into the database file and closes every connection. */
  @Override
  public void close() {
    writeLock.lock();
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      log.warn("event=sqlite_checkpoint_failed file={} reason=\"{}\"", file, oneLine(e));
    } finally {
      closeQuietly(all);
      writeLock.unlock();
    }
  }

  private static void closeQuietly(List<Connection> connections) {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing: nothing left to do with it
      }
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
