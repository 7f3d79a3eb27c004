package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.adapters.sqlite.KeyFile;
import dev.hoochat.adapters.sqlite.SqliteSetupException;
import dev.hoochat.adapters.sqlite.SqliteStores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hoochat-server backup --data-dir DIR --to FILE}: a consistent copy of the {@code sqlite}
 * store's database, taken while the server runs (SQLite's {@code VACUUM INTO}, a read transaction:
 * posts go on). The keys are not copied: they are secret, never change, and are kept apart from the
 * backups (restoring is in adapters-sqlite/README.md).
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Copy the sqlite store's database to a file, while the server runs.")
final class BackupCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "${env:HOOCHAT_DATA_DIR:-" + ServerConfig.DEFAULT_DATA_DIR + "}",
      description = "The server's data directory (default ${DEFAULT-VALUE}).")
  String dataDir;

  @Option(
      names = "--to",
      required = true,
      description = "The backup file to write; it must not exist.")
  String to;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path written;
    try {
      written = SqliteStores.backup(Path.of(dataDir), Path.of(to));
    } catch (SqliteSetupException e) {
      throw new HooChatServer.StartupException("backup failed: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path keys = Path.of(dataDir).toAbsolutePath().normalize().resolve(KeyFile.NAME);
    out.println(
        "backed up "
            + Path.of(dataDir).toAbsolutePath().normalize()
            + " to "
            + written
            + " ("
            + size(written)
            + " bytes)"
            + (Files.exists(keys)
                ? "; the keys are not in it: keep a copy of " + keys + " apart from it"
                : ""));
    return 0;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
