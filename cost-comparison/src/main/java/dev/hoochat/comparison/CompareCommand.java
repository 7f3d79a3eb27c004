package dev.hoochat.comparison;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hoochat-compare}: HooChat's cost and performance lab. */
@Command(
    name = "hoochat-compare",
    mixinStandardHelpOptions = true,
    subcommands = {RunCommand.class, LoadCommand.class, PeersCommand.class, FanOutBenchmark.class},
    description =
        "Runs HooChat workloads over combinations of adapters and reports cost and speed.")
public final class CompareCommand implements Runnable {

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      // The server's own logback.xml logs every sign-up at INFO, which would bury the progress bar.
      System.setProperty("logback.configurationFile", "hoochat-compare-logback.xml");
    }
    System.exit(
        new CommandLine(new CompareCommand())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(new CommandLine(this).getOut());
  }
}
