package dev.hoochat.testsupport.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
