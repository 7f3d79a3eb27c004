package dev.hoochat.apiclient;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code hoochat_port_calls_total} counters of a Prometheus scrape, so that tests and tools can
 * count store reads and cache round trips from the outside.
 */
public final class PortCalls {
  private static final Pattern LINE =
      Pattern.compile("^hoochat_port_calls_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Map<Map<String, String>, Double> counters;

  private PortCalls(Map<Map<String, String>, Double> counters) {
    this.counters = counters;
  }

  public static PortCalls parse(String prometheusText) {
    Map<Map<String, String>, Double> counters = new HashMap<>();
    for (String line : prometheusText.split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL.matcher(m.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      counters.merge(labels, Double.parseDouble(m.group(2)), Double::sum);
    }
    return new PortCalls(counters);
  }

  /** What was counted since {@code earlier}. */
  public PortCalls minus(PortCalls earlier) {
    Map<Map<String, String>, Double> delta = new HashMap<>(counters);
    earlier.counters.forEach((labels, value) -> delta.merge(labels, -value, Double::sum));
    return new PortCalls(delta);
  }

  /** All calls of a layer ({@code store}, {@code cache}, {@code push}) of a kind, any outcome. */
  public long total(String layer, String kind) {
    return Math.round(
        counters.entrySet().stream()
            .filter(
                e -> layer.equals(e.getKey().get("layer")) && kind.equals(e.getKey().get("kind")))
            .mapToDouble(Map.Entry::getValue)
            .sum());
  }

  /** Calls of one operation with one outcome. */
  public long count(String layer, String port, String op, String outcome) {
    return Math.round(
        counters.entrySet().stream()
            .filter(
                e ->
                    layer.equals(e.getKey().get("layer"))
                        && port.equals(e.getKey().get("port"))
                        && op.equals(e.getKey().get("op"))
                        && outcome.equals(e.getKey().get("outcome")))
            .mapToDouble(Map.Entry::getValue)
            .sum());
  }

  /** Calls of a layer with an outcome ({@code error}, say). */
  public long outcome(String layer, String outcome) {
    return Math.round(
        counters.entrySet().stream()
            .filter(
                e ->
                    layer.equals(e.getKey().get("layer"))
                        && outcome.equals(e.getKey().get("outcome")))
            .mapToDouble(Map.Entry::getValue)
            .sum());
  }
}
