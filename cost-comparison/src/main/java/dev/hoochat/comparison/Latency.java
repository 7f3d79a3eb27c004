package dev.hoochat.comparison;

import org.HdrHistogram.Histogram;

/** A summary of recorded latencies, in milliseconds. */
record Latency(long count, double mean, double p50, double p99, double p999, double max) {

  static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

  /** A histogram of microseconds, 3 significant digits, up to a minute. */
  static Histogram histogram() {
    return new Histogram(60_000_000L, 3);
  }

  static void recordNanos(Histogram h, long nanos) {
    h.recordValue(Math.min(60_000_000L, Math.max(1, nanos / 1_000)));
  }

  static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return NONE;
    }
    return new Latency(
        h.getTotalCount(),
        h.getMean() / 1_000.0,
        h.getValueAtPercentile(50) / 1_000.0,
        h.getValueAtPercentile(99) / 1_000.0,
        h.getValueAtPercentile(99.9) / 1_000.0,
        h.getMaxValue() / 1_000.0);
  }
}
