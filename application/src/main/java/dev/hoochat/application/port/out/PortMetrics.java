package dev.hoochat.application.port.out;

import dev.hoochat.application.port.PortOperation;

/**
 * Outbound port: counts every call through an outbound port, so that store reads and cache round
 * trips per message can be read from outside ({@code hoochat_port_calls_total}).
 */
public interface PortMetrics {

  /** One round trip to a server, however many keys it carried. */
  void count(Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome);

  /**
   * {@code times} round trips alike, counted at once: one message pushed to many connections. An
   * adapter whose counters can add more than one at a time overrides it.
   */
  default void count(
      Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome, long times) {
    for (long i = 0; i < times; i++) {
      count(layer, port, op, kind, outcome);
    }
  }

  /** Capacity units a store reports for one call (DynamoDB's {@code ConsumedCapacity}). */
  default void consumed(String port, String op, double readUnits, double writeUnits) {}

  /** Bytes that crossed the wire to or from a server, for cost models metered by volume. */
  default void transferred(Layer layer, String port, long bytesOut, long bytesIn) {}

  /** {@code times} round trips of the same size, counted at once (one frame to many sockets). */
  default void transferred(Layer layer, String port, long bytesOut, long bytesIn, long times) {
    for (long i = 0; i < times; i++) {
      transferred(layer, port, bytesOut, bytesIn);
    }
  }

  /** A meter that forgets everything, for tests and tools that do not read metrics. */
  PortMetrics NONE = (layer, port, op, kind, outcome) -> {};

  /** The {@code layer} label. */
  enum Layer {
    STORE,
    CACHE,
    PUSH;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The {@code outcome} label. */
  enum Outcome {
    OK,
    HIT,
    MISS,
    GONE,
    ERROR;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
