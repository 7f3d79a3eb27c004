package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.CostModel;
import dev.hoochat.comparison.pricing.PriceList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A finished comparison: the workload, the prices, and one priced result per configuration. */
record Comparison(
    Workload workload, PriceList prices, List<Row> rows, String machine, Instant finishedAt) {

  Comparison {
    rows = List.copyOf(rows);
  }

  /** One configuration's measurements and its bill at the workload's traffic. */
  record Row(RunResult result, CostModel.Estimate cost) {
    String label() {
      return result.configuration().label();
    }
  }

  static String thisMachine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20)
        + " MB max heap, Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }

  Optional<Row> cheapest() {
    return rows.stream().min(Comparator.comparingDouble(r -> r.cost().usdPerMonth()));
  }

  /** The cheapest on a durable store: the memory store is a baseline, not a deployment. */
  Optional<Row> cheapestDurable() {
    return rows.stream()
        .filter(r -> !r.result().configuration().storeName().equals("memory"))
        .min(Comparator.comparingDouble(r -> r.cost().usdPerMonth()));
  }

  Optional<Row> fastestDurable() {
    return rows.stream()
        .filter(r -> !r.result().configuration().storeName().equals("memory"))
        .min(Comparator.comparingDouble(r -> r.result().fanOut().p99()));
  }

  Optional<Row> fastest() {
    return rows.stream().min(Comparator.comparingDouble(r -> r.result().fanOut().p99()));
  }

  /** The same store and runtime without a cache, for the "cache off → on" comparison. */
  Optional<Row> withoutCache(Row row) {
    Configuration c = row.result().configuration();
    return rows.stream()
        .filter(
            r ->
                r.result().configuration().store() == c.store()
                    && r.result().configuration().runtime().equals(c.runtime())
                    && r.result().configuration().cacheName().equals("none"))
        .findFirst();
  }
}
