package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.wiring.Backends;
import dev.hoochat.wiring.InvalidSettingException;
import dev.hoochat.wiring.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
    modelTransformer = BackupCommand.TableRows.class,
    description = "Copy the sqlite store's database to a file, while the server runs.")
final class BackupCommand implements Callable<Integer> {

  @Option(
      names = "--to",
      required = true,
      description = "The backup file to write; it must not exist.")
  String to;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Backends.Backup backup;
    try {
      Path dataDir = Path.of(TableOptions.read(spec, System.getenv()).get(Options.DATA_DIR));
      backup = Backends.backup(dataDir, Path.of(to));
    } catch (InvalidSettingException e) {
      throw new HooChatServer.StartupException(e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "backed up "
                + backup.dataDirectory()
                + " to "
                + backup.written()
                + " ("
                + size(backup.written())
                + " bytes)"
                + backup
                    .keysLeftOut()
                    .map(
                        keys ->
                            "; the keys are not in it: keep a copy of " + keys + " apart from it")
                    .orElse(""));
    return 0;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  /** The row this command reads: where the data is. */
  static final class TableRows implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
      return TableOptions.add(commandSpec, TableOptions.flags(List.of(Options.DATA_DIR)));
    }
  }
}
