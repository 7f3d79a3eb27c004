package dev.hoochat.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The peers command against all four systems with a tiny workload: HooChat (the server jar this
 * build packaged), the bare Jetty floor (this lab's own class), Mosquitto and Prosody (Debian
 * packages, which bin/test installs). A missing one fails the test with the command's one-line
 * reason; it is never skipped.
 */
class PeersCommandTest {

  @TempDir Path gcLogs;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everySystemDeliversEveryPostToEveryMemberAndItsCpuIsMeasured() throws Exception {
    StringWriter table = new StringWriter();
    StringWriter errors = new StringWriter();
    PeersCommand command = new PeersCommand();

    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(table))
            .setErr(new PrintWriter(errors))
            .execute(
                "--peers=hoochat,jetty-floor,jetty-floor-batched,mosquitto,prosody",
                "--clients=100",
                "--group-size=50",
                "--rate=50",
                "--duration=2",
                "--warmup=1",
                "--jit-warmup=1",
                "--jvm-flag=-Xlog:gc:file=" + gcLogs.resolve("gc-%p.log"));

    String said = table + "\n" + errors;
    assertThat(exit).as(said).isZero();
    assertThat(command.rows).as(said).hasSize(5);
    assertThat(command.rows)
        .extracting(PeersCommand.Row::system)
        .containsExactly("hoochat", "jetty-floor", "jetty-floor-batched", "mosquitto", "prosody");
    for (PeersCommand.Row row : command.rows) {
      // (1 s for the JIT + 1 s of warm-up + 2 s measured) at 50 posts/s, every post to 50 members
      assertThat(row.posts()).as(said).isEqualTo(200);
      assertThat(row.expectedDeliveries()).as(said).isEqualTo(200 * 50);
      assertThat(row.deliveries()).as(row.system() + "\n" + said).isEqualTo(200 * 50);
      assertThat(row.lost()).as(row.system() + "\n" + said).isZero();
      assertThat(row.duplicated()).as(row.system() + "\n" + said).isZero();
      assertThat(row.cpuMicrosPerDelivery()).as(row.system() + "\n" + said).isPositive();
      // The compilers' share is part of the whole, and only a JVM has compilers.
      assertThat(row.jitSeconds()).as(row.system()).isBetween(0.0, row.cpuSeconds());
      if (!row.system().startsWith("hoochat") && !row.system().startsWith("jetty")) {
        assertThat(row.jitSeconds()).as(row.system()).isZero();
      }
    }
    try (Stream<Path> logs = Files.list(gcLogs)) {
      List<Path> written = logs.toList();
      assertThat(written)
          .as("--jvm-flag reaches HooChat's JVM and both floors'; nothing else is a JVM")
          .hasSize(3);
    }
    assertThat(table.toString())
        .contains(
            "| hoochat | 50 |",
            "| jetty-floor | 50 |",
            "| jetty-floor-batched | 50 |",
            "| mosquitto | 50 |",
            "| prosody | 50 |")
        .contains("check: every member got every post of its group once");
  }
}
