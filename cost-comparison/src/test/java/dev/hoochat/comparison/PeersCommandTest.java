package dev.hoochat.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The peers command against all four systems with a tiny workload: HooChat (the server jar this
 * build packaged), the bare Jetty floor (this lab's own class), Mosquitto and Prosody (Debian
 * packages, which bin/test installs). A missing one fails the test with the command's one-line
 * reason; it is never skipped.
 */
class PeersCommandTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everySystemDeliversEveryPostToEveryMemberAndItsCpuIsMeasured() {
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
                "--warmup=1");

    String said = table + "\n" + errors;
    assertThat(exit).as(said).isZero();
    assertThat(command.rows).as(said).hasSize(5);
    assertThat(command.rows)
        .extracting(PeersCommand.Row::system)
        .containsExactly("hoochat", "jetty-floor", "jetty-floor-batched", "mosquitto", "prosody");
    for (PeersCommand.Row row : command.rows) {
      assertThat(row.posts()).as(said).isEqualTo(150);
      assertThat(row.expectedDeliveries()).as(said).isEqualTo(150 * 50);
      assertThat(row.deliveries()).as(row.system() + "\n" + said).isEqualTo(150 * 50);
      assertThat(row.lost()).as(row.system() + "\n" + said).isZero();
      assertThat(row.duplicated()).as(row.system() + "\n" + said).isZero();
      assertThat(row.cpuMicrosPerDelivery()).as(row.system() + "\n" + said).isPositive();
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
