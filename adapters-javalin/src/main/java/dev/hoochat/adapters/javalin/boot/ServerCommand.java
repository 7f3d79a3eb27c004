package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.wiring.InvalidSettingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hoochat-server} command line: the table of settings ({@code
 * dev.hoochat.wiring.Options}, docs/configuration.md), each option also read from its environment
 * variable. Prints one line once listening; a bad option or a service that does not answer is one
 * line on stderr and a non-zero exit.
 */
@Command(
    name = "hoochat-server",
    mixinStandardHelpOptions = true,
    versionProvider = ServerCommand.Version.class,
    modelTransformer = ServerCommand.EveryOption.class,
    subcommands = {CreateTableCommand.class, BackupCommand.class},
    description =
        "HooChat standalone server: REST + WebSocket chat over a pluggable store and cache.")
public final class ServerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new ServerCommand());
    cli.setParameterExceptionHandler(
        (e, unused) -> {
          e.getCommandLine()
              .getErr()
              .println("hoochat-server: " + e.getMessage() + " (see --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, command, unused) -> {
          command.getErr().println("hoochat-server: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = config();
    HooChatServer server = HooChatServer.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "hoochat-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("HooChat listening on " + server.baseUrl());
    server.adminUrl().ifPresent(admin -> out.println("HooChat metrics on " + admin + "/metrics"));
    out.println(server.whereTheDataLives());
    out.flush();
    stopped.await();
    return 0;
  }

  ServerConfig config() {
    try {
      return new ServerConfig(TableOptions.read(spec, System.getenv()));
    } catch (InvalidSettingException e) {
      throw new HooChatServer.StartupException(e.getMessage(), e);
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Every standalone row of the table, as an option. */
  static final class EveryOption implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
      return TableOptions.add(commandSpec, option -> true);
    }
  }

  /** {@code --version}: the version the jar was built as, from its manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ServerCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "hoochat-server "
            + (version == null ? "(not built as a jar: a development build)" : version)
      };
    }
  }
}
