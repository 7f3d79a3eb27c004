package dev.hoochat.testsupport.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;

/** HooChat's counters in two scrapes of {@code /metrics}, and what moved between them. */
final class Counters {
  private Counters() {}

  /** The HooChat series that moved between two scrapes, with how much, in a stable order. */
  static Map<String, Double> changes(String before, String after) {
    Map<String, Double> start = parse(before);
    Map<String, Double> changes = new TreeMap<>();
    parse(after)
        .forEach(
            (series, value) -> {
              double delta = value - start.getOrDefault(series, 0.0);
              if (delta != 0) {
                changes.put(series, delta);
              }
            });
    return changes;
  }

  /**
   * Waits (at most {@code patience}) until the deployment's counters have stood still for longer
   * than a trailing presence push can be held back (2 s): work begun before — an earlier scenario's
   * sockets leaving, their group's count pushed at the window's end — is then done, and what is
   * measured next is the measured step's own work. A deployment without counters has nothing to
   * wait for.
   */
  static void awaitStill(ChatDeployment deployment, Duration patience) {
    if (deployment.metrics().isEmpty()) {
      return;
    }
    Duration still = Duration.ofMillis(2_500);
    String[] last = {deployment.metrics().orElseThrow()};
    long[] since = {System.nanoTime()};
    Awaitility.await("the counters to stand still for " + still)
        .atMost(patience.plus(still))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String now = deployment.metrics().orElseThrow();
              if (!changes(last[0], now).isEmpty()) {
                last[0] = now;
                since[0] = System.nanoTime();
              }
              return System.nanoTime() - since[0] >= still.toNanos();
            });
  }

  private static Map<String, Double> parse(String prometheus) {
    Map<String, Double> values = new HashMap<>();
    for (String line : prometheus.split("\n")) {
      if (line.startsWith("hoochat_")) {
        int space = line.lastIndexOf(' ');
        values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return values;
  }
}
