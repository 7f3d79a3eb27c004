package dev.hoochat.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The lab runs the SQLite store like the others, on the standalone runtime only. */
class SqliteLabTest {
  @TempDir Path out;

  @Test
  void aRunOnSqliteReportsItsRowAndSkipsLambdaWithAReason() {
    StringWriter table = new StringWriter();
    StringWriter errors = new StringWriter();

    int exit =
        new CommandLine(new RunCommand())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(table))
            .setErr(new PrintWriter(errors))
            .execute(
                "--stores=sqlite",
                "--caches=none",
                "--runtimes=standalone,lambda",
                "--groups=1",
                "--posts=10",
                "--reads=2",
                "--no-warmup",
                "--out=" + out);

    assertThat(exit).as(table + "\n" + errors).isZero();
    assertThat(table.toString()).contains("| sqlite/none/standalone |");
    assertThat(table.toString()).doesNotContain("sqlite/none/lambda");
    assertThat(errors.toString()).contains("skipping sqlite on lambda");
  }
}
