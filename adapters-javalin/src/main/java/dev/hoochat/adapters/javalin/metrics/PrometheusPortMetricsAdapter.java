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
 * per-GB plan, ElastiCache Serverless ECPUs), which totals alone cannot give.
 *
 * <p>Counters are registered once per label set and found again by a record of the call's own
 * arguments, so that counting a push — fifty of them per message — builds no strings.
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
  private final ConcurrentHashMap<CallKey, Counter> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TransferKey, Counter> transfers = new ConcurrentHashMap<>();

  private record CallKey(
      Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {}

  /** A transfer counter's labels; {@code direction} is null for the per-request KiB counter. */
  private record TransferKey(String name, Layer layer, String port, String direction) {}

  @Override
  public void count(Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {
    count(layer, port, op, kind, outcome, 1);
  }

  @Override
  public void count(
      Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome, long times) {
    calls
        .computeIfAbsent(
            new CallKey(layer, port, op, kind, outcome),
            k ->
                counter(
                    "hoochat.port.calls",
                    "layer",
                    layer.label(),
                    "port",
                    port,
                    "op",
                    op,
                    "kind",
                    kind.name().toLowerCase(java.util.Locale.ROOT),
                    "outcome",
                    outcome.label()))
        .increment(times);
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
    transferred(layer, port, bytesOut, bytesIn, 1);
  }

  @Override
  public void transferred(Layer layer, String port, long bytesOut, long bytesIn, long times) {
    if (bytesOut > 0) {
      transfer("hoochat.port.bytes", layer, port, "out").increment((double) bytesOut * times);
    }
    if (bytesIn > 0) {
      transfer("hoochat.port.bytes", layer, port, "in").increment((double) bytesIn * times);
    }
    transfer("hoochat.port.request.kib", layer, port, null)
        .increment(Math.max(1.0, (bytesOut + bytesIn) / 1024.0) * times);
  }

  private Counter transfer(String name, Layer layer, String port, String direction) {
    return transfers.computeIfAbsent(
        new TransferKey(name, layer, port, direction),
        k ->
            direction == null
                ? counter(name, "layer", layer.label(), "port", port)
                : counter(name, "layer", layer.label(), "port", port, "direction", direction));
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
