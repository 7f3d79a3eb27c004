package dev.hoochat.adapters.lambda;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.PortMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outbound adapter: counts port calls in memory, per execution environment, and renders them as
 * {@code hoochat_port_calls_total} lines. No metrics library: a Lambda pays for every class it
 * loads on a cold start, and there is no endpoint to scrape anyway.
 */
public final class CountingPortMetricsAdapter implements PortMetrics {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public void count(Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {
    String labels =
        "layer=\""
            + layer.label()
            + "\",port=\""
            + port
            + "\",op=\""
            + op
            + "\",kind=\""
            + kind.name().toLowerCase(Locale.ROOT)
            + "\",outcome=\""
            + outcome.label()
            + "\"";
    calls.computeIfAbsent(labels, l -> new LongAdder()).increment();
  }

  /** Everything counted so far, in the Prometheus text format, one line per label set. */
  public String prometheusText() {
    StringBuilder text = new StringBuilder("# TYPE hoochat_port_calls_total counter\n");
    new TreeMap<>(calls)
        .forEach(
            (labels, count) ->
                text.append("hoochat_port_calls_total{")
                    .append(labels)
                    .append("} ")
                    .append(count.sum())
                    .append('\n'));
    return text.toString();
  }
}
