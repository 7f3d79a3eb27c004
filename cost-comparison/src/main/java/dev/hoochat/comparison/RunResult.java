package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.Activity;
import dev.hoochat.comparison.pricing.Usage;
import java.util.Map;

/**
 * What one configuration did under the workload: the usage of one of each activity (from the
 * deployment's meters), everything metered including the set-up (to check against {@code
 * /metrics}), the store calls and read units of each post's fan-out (the members' connections), and
 * how fast messages reached every member.
 */
record RunResult(
    Configuration configuration,
    Map<Activity, Double> counts,
    Map<Activity, Usage> perActivity,
    Usage setup,
    Usage total,
    double fanOutStoreReads,
    double fanOutReadUnits,
    Latency fanOut,
    Latency ack,
    Latency read,
    long deliveries,
    long deliveryProblems,
    double seconds) {

  RunResult {
    counts = Map.copyOf(counts);
    perActivity = Map.copyOf(perActivity);
  }

  Usage perPost() {
    return perActivity.getOrDefault(Activity.POST, Usage.NONE);
  }
}
