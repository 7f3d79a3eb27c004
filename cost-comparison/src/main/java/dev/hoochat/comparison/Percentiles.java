package dev.hoochat.comparison;

import org.HdrHistogram.Histogram;

/** Latencies in microseconds, recorded with HdrHistogram (3 significant digits, up to 60 s). */
final class Percentiles {
  private final Histogram histogram = new Histogram(60_000_000L, 3);

  void recordNanos(long nanos) {
    histogram.recordValue(Math.max(1, nanos / 1_000));
  }

  long count() {
    return histogram.getTotalCount();
  }

  double medianMillis() {
    return histogram.getValueAtPercentile(50) / 1_000.0;
  }

  double p99Millis() {
    return histogram.getValueAtPercentile(99) / 1_000.0;
  }

  double p999Millis() {
    return histogram.getValueAtPercentile(99.9) / 1_000.0;
  }

  double meanMillis() {
    return histogram.getMean() / 1_000.0;
  }
}
