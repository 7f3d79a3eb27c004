package dev.hoochat.adapters.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data directory: the database ({@value #DATABASE}, with SQLite's {@code -wal} and
 * {@code -shm} beside it), the keys ({@value KeyFile#NAME}) and a lock file. Created owner-only
 * ({@code rwx------}); held by one process at a time through an OS lock on {@value #LOCK}, which
 * the OS gives up when the process dies, however it dies. One holder is what lets the group locks
 * stay in process and the leftover connections be cleared on start.
 */
final class DataDirectory implements AutoCloseable {
  static final String DATABASE = "hoochat.db";
  static final String LOCK = "lock";

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and takes its lock.
   *
   * @throws SqliteSetupException when it cannot be created or written, or another process holds it
   */
  static DataDirectory hold(Path directory) {
    Path path = directory.toAbsolutePath().normalize();
    prepare(path);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new SqliteSetupException(
            "the data directory "
                + path
                + " is in use by another HooChat server; stop it or choose another --data-dir",
            null);
      }
      return new DataDirectory(path, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw unwritable(path, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Makes sure {@code path} is a directory this process can write, owner-only when it creates it.
   */
  static Path prepare(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        Files.createDirectories(path);
        ownerOnly(path, "rwx------");
      }
      Path probe = Files.createTempFile(path, ".write-probe", ".tmp");
      Files.delete(probe);
      return path;
    } catch (IOException | UnsupportedOperationException e) {
      throw unwritable(path, e);
    }
  }

  private static SqliteSetupException unwritable(Path path, Exception e) {
    String reason =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getClass().getSimpleName();
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      reason = "a file is in the way";
    }
    return new SqliteSetupException(
        "cannot write the data directory "
            + path
            + " ("
            + reason
            + "); choose another --data-dir or fix its permissions",
        e);
  }

  /** Sets POSIX permissions where the file system has them (not on Windows). */
  static void ownerOnly(Path path, String permissions) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(PosixFilePermissions.fromString(permissions));
    }
  }

  Path path() {
    return path;
  }

  Path database() {
    return path.resolve(DATABASE);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel's close below releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
