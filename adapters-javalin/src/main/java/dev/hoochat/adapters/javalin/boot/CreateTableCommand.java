package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.wiring.Backends;
import dev.hoochat.wiring.InvalidSettingException;
import dev.hoochat.wiring.Options;
import dev.hoochat.wiring.Settings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hoochat-server create-table}: creates the one DynamoDB table (with its index and TTL) for
 * local development, from the same definition the adapters and the SAM template use.
 */
@Command(
    name = "create-table",
    mixinStandardHelpOptions = true,
    modelTransformer = CreateTableCommand.TableRows.class,
    description = "Create the DynamoDB table if it does not exist (local development).")
final class CreateTableCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String table = "?";
    try {
      Settings settings = TableOptions.read(spec, System.getenv());
      table = settings.get(Options.DYNAMODB_TABLE);
      boolean created = Backends.createTable(settings);
      spec.commandLine()
          .getOut()
          .println(created ? "created table " + table : "table " + table + " exists already");
    } catch (InvalidSettingException e) {
      throw new HooChatServer.StartupException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new HooChatServer.StartupException(
          "could not create table " + table + ": " + e.getMessage(), e);
    }
    return 0;
  }

  /** The rows this command reads: where the table is. */
  static final class TableRows implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
      return TableOptions.add(
          commandSpec,
          TableOptions.flags(List.of(Options.DYNAMODB_ENDPOINT, Options.DYNAMODB_TABLE)));
    }
  }
}
