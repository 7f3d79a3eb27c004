package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.Usage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code hoochat_*} counters of one {@code /metrics} scrape — the adapters' own accounting —
 * and the {@link Usage} between two scrapes.
 */
final class MetricsSnapshot {
  private static final Pattern LINE =
      Pattern.compile("^(hoochat_[a-z_]+)\\{([^}]*)\\}\\s+([0-9.eE+-]+|NaN)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Map<Series, Double> counters;

  private MetricsSnapshot(Map<Series, Double> counters) {
    this.counters = counters;
  }

  /** One counter: its name and labels. */
  record Series(String name, Map<String, String> labels) {}

  static MetricsSnapshot parse(String prometheusText) {
    Map<Series, Double> counters = new HashMap<>();
    for (String line : prometheusText.split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL.matcher(m.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      counters.merge(new Series(m.group(1), labels), Double.parseDouble(m.group(3)), Double::sum);
    }
    return new MetricsSnapshot(counters);
  }

  static MetricsSnapshot empty() {
    return new MetricsSnapshot(Map.of());
  }

  MetricsSnapshot minus(MetricsSnapshot earlier) {
    Map<Series, Double> delta = new HashMap<>(counters);
    earlier.counters.forEach((series, value) -> delta.merge(series, -value, Double::sum));
    return new MetricsSnapshot(delta);
  }

  double sum(String name, Predicate<Map<String, String>> labels) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name) && labels.test(e.getKey().labels()))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  double calls(String layer, String kind) {
    return sum(
        "hoochat_port_calls_total",
        l -> layer.equals(l.get("layer")) && kind.equals(l.get("kind")));
  }

  double bytes(String layer, String direction) {
    return sum(
        "hoochat_port_bytes_total",
        l -> layer.equals(l.get("layer")) && direction.equals(l.get("direction")));
  }

  /** The store, cache and push meters; client traffic and Lambda meters are added by the caller. */
  Usage usage() {
    return new Usage(
        calls("store", "read"),
        calls("store", "write"),
        sum("hoochat_store_capacity_units_total", l -> "read".equals(l.get("unit"))),
        sum("hoochat_store_capacity_units_total", l -> "write".equals(l.get("unit"))),
        calls("cache", "read"),
        calls("cache", "write"),
        bytes("cache", "out"),
        bytes("cache", "in"),
        sum("hoochat_port_request_kib_total", l -> "cache".equals(l.get("layer"))),
        sum(
            "hoochat_port_calls_total",
            l -> "push".equals(l.get("layer")) && "ok".equals(l.get("outcome"))),
        bytes("push", "out"),
        0,
        0,
        0,
        0);
  }
}
