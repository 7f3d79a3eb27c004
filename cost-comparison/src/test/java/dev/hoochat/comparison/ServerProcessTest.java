package dev.hoochat.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the peers table's JIT column reads: the CPU time of a child JVM's compiler threads, found by
 * their names under {@code /proc/PID/task}. Real child processes: the Jetty floor's JVM with its
 * compilers, the same JVM interpreted only ({@code -Xint}: no compiler threads), and a process that
 * is not a JVM.
 */
class ServerProcessTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aJvmsCompilerThreadsAreFoundAndCountedAndNothingElseIs() throws Exception {
    try (ServerProcess jvm = floor("compiled", List.of());
        ServerProcess interpreted = floor("interpreted", List.of("-Xint"));
        ServerProcess notAJvm =
            ServerProcess.start("sleep", List.of("sleep", "120"), dir, Map.of())) {
      Map<String, Double> compilers = jvm.compilerCpuSeconds();
      assertThat(compilers)
          .as("a JVM starts with at least a C1 and a C2 thread")
          .hasSizeGreaterThan(1);
      // Starting Jetty compiles something, and what the compilers used is part of the process's.
      double compiled = ServerProcess.compilerSecondsBetween(Map.of(), compilers);
      assertThat(compiled).isPositive().isLessThanOrEqualTo(jvm.cpuSeconds());

      assertThat(interpreted.compilerCpuSeconds()).isEmpty();
      assertThat(notAJvm.compilerCpuSeconds()).isEmpty();
      assertThat(interpreted.cpuSeconds()).isPositive();
    }
  }

  @Test
  void aThreadRetiredBetweenSnapshotsIsNotCountedNegative() {
    Map<String, Double> before = Map.of("101", 2.0, "102", 1.5);
    Map<String, Double> after = Map.of("101", 2.5, "103", 0.25); // 102 retired, 103 new

    assertThat(ServerProcess.compilerSecondsBetween(before, after)).isEqualTo(0.75);
  }

  private ServerProcess floor(String name, List<String> flags) throws Exception {
    ServerProcess process =
        ServerProcess.startJava(
            name,
            flags,
            List.of(
                "-cp",
                JettyFloorPeer.classPath(),
                JettyFloorServer.class.getName(),
                "0",
                "at-once"),
            Files.createDirectory(dir.resolve(name)));
    process.awaitListening();
    return process;
  }
}
