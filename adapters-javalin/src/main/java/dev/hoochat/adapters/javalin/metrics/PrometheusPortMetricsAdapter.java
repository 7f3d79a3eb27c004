package dev.hoochat.adapters.javalin.metrics;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.PortMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbound adapter: port-call metering on Micrometer's Prometheus registry. Exposes {@code
 * hoochat_port_calls_total{layer,port,op,kind,outcome}}, {@code
 * hoochat_store_capacity_units_total{port,op,unit}} and {@code
 * hoochat_port_bytes_total{layer,port,direction}} and {@code
 * hoochat_port_request_kib_total{layer,port}}: each round trip's size in KiB (in + out), counted as
 * at least 1 — the unit of services that bill per KiB with a 1 KiB minimum per request (Momento's
 * per-GB plan, ElastiCache Serverless ECPUs), which totals alone cannot give. Counters are looked
 * up once per label set.
 */
public final class PrometheusPortMetricsAdapter implements PortMetrics {
  /** The {@code # HELP} line of each counter, so that an operator reading a scrape knows it. */
  private static final java.util.Map<String, String> HELP =
      java.util.Map.of(
          "hoochat.port.calls",
          "Calls through an outbound port: one per round trip to a store, cache or push target,"
              + " however many keys it carries",
          "hoochat.store.capacity.units",
          "Capacity units the store reported consuming (DynamoDB's ConsumedCapacity)",
          "hoochat.port.bytes",
          "Bytes that crossed the wire to (out) or from (in) a cache or push target",
          "hoochat.port.request.kib",
          "Each round trip's size in KiB, counted as at least 1 (for services that bill per KiB"
              + " with a 1 KiB minimum)");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  @Override
  public void count(Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {
    String label = kind.name().toLowerCase(java.util.Locale.ROOT);
    counter(
            "hoochat.port.calls",
            "layer",
            layer.label(),
            "port",
            port,
            "op",
            op,
            "kind",
            label,
            "outcome",
            outcome.label())
        .increment();
  }

  @Override
  public void consumed(String port, String op, double readUnits, double writeUnits) {
    if (readUnits > 0) {
      counter("hoochat.store.capacity.units", "port", port, "op", op, "unit", "read")
          .increment(readUnits);
    }
    if (writeUnits > 0) {
      counter("hoochat.store.capacity.units", "port", port, "op", op, "unit", "write")
          .increment(writeUnits);
    }
  }

  @Override
  public void transferred(Layer layer, String port, long bytesOut, long bytesIn) {
    if (bytesOut > 0) {
      counter("hoochat.port.bytes", "layer", layer.label(), "port", port, "direction", "out")
          .increment(bytesOut);
    }
    if (bytesIn > 0) {
      counter("hoochat.port.bytes", "layer", layer.label(), "port", port, "direction", "in")
          .increment(bytesIn);
    }
    counter("hoochat.port.request.kib", "layer", layer.label(), "port", port)
        .increment(Math.max(1.0, (bytesOut + bytesIn) / 1024.0));
  }

  /** The Prometheus text exposition of everything counted so far. */
  public String scrape() {
    return registry.scrape();
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join("\u0000", tags);
    return counters.computeIfAbsent(
        key, k -> Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry));
  }
}
