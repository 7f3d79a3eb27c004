package dev.hoochat.comparison.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns measured usage into dollars: the usage of one of each activity, times how many of each a
 * month at the stated traffic holds, times the price list. Fixed charges (a host, a cache's storage
 * minimum) are added per month; the cost per million messages is the month's total over its
 * messages, so fixed charges are spread at the stated traffic. Free tiers are not applied.
 */
public final class CostModel {
  static final List<String> REQUIRED_KEYS =
      List.of(
          "dynamodb.write_request_unit",
          "dynamodb.read_request_unit",
          "dynamodb.storage_gb_month",
          "lambda.request",
          "lambda.gb_second",
          "lambda.memory_gb",
          "apigw.websocket_message",
          "apigw.websocket_connection_minute",
          "apigw.http_request",
          "elasticache.gb_hour",
          "elasticache.ecpu",
          "elasticache.minimum_gb",
          "momento.gb_transferred",
          "standalone.host_hour");

  /** What a stored message and a stored user take, for the DynamoDB storage line (upper bound). */
  static final double STORED_BYTES_PER_USER = 1024;

  static final double STORED_BYTES_PER_MESSAGE = 1024;

  private final PriceList prices;

  public CostModel(PriceList prices) {
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  /** One line of a bill: what, how much a month, and its dollars a month. */
  public record Line(String component, double quantity, String unit, double usdPerMonth) {}

  /** A configuration's bill at some traffic. */
  public record Estimate(List<Line> lines, double usdPerMonth, double usdPerMillionMessages) {
    public Estimate {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Prices one configuration. {@code perActivity} holds the usage of one of each activity; {@code
   * groupSize} sizes the stored messages (a group keeps its 100 newest).
   */
  public Estimate estimate(
      String store,
      String cache,
      String runtime,
      Map<Activity, Usage> perActivity,
      Traffic traffic,
      int groupSize) {
    Usage month = Usage.NONE;
    for (Map.Entry<Activity, Double> count : traffic.monthlyCounts().entrySet()) {
      month =
          month.plus(perActivity.getOrDefault(count.getKey(), Usage.NONE).times(count.getValue()));
    }
    List<Line> lines = new ArrayList<>();
    switch (store) {
      case "memory" -> lines.add(new Line("store: in-process memory (not durable)", 0, "-", 0));
      case "sqlite" ->
          lines.add(new Line("store: SQLite on the server's own disk (in its price)", 0, "-", 0));
      case "dynamodb" -> {
        lines.add(line("DynamoDB reads", month.readUnits(), "RRU", "dynamodb.read_request_unit"));
        lines.add(
            line("DynamoDB writes", month.writeUnits(), "WRU", "dynamodb.write_request_unit"));
        double groups = Math.ceil(traffic.dailyUsers() / (double) Math.max(1, groupSize));
        double storedGb =
            (traffic.dailyUsers() * STORED_BYTES_PER_USER + groups * 100 * STORED_BYTES_PER_MESSAGE)
                / UnitRules.GB;
        lines.add(line("DynamoDB storage", storedGb, "GB-month", "dynamodb.storage_gb_month"));
      }
      default -> throw new IllegalArgumentException("unknown store " + store);
    }
    switch (cache) {
      case "none" -> {}
      case "memory" -> lines.add(new Line("cache: in-process memory", 0, "-", 0));
      case "redis" -> {
        lines.add(line("ElastiCache ECPUs", month.cacheRequestKib(), "ECPU", "elasticache.ecpu"));
        double gbHours = prices.get("elasticache.minimum_gb").usd() * Traffic.HOURS_PER_MONTH;
        lines.add(line("ElastiCache storage (minimum)", gbHours, "GB-hour", "elasticache.gb_hour"));
      }
      case "momento" -> {
        double gb = month.cacheRequestKib() * UnitRules.KB / UnitRules.GB;
        lines.add(line("Momento transfer", gb, "GB", "momento.gb_transferred"));
      }
      default -> throw new IllegalArgumentException("unknown cache " + cache);
    }
    switch (runtime) {
      case "standalone" ->
          lines.add(
              line(
                  "standalone host", Traffic.HOURS_PER_MONTH, "host-hour", "standalone.host_hour"));
      case "lambda" -> {
        lines.add(line("Lambda requests", month.lambdaInvocations(), "request", "lambda.request"));
        double gbSeconds = month.lambdaSeconds() * prices.get("lambda.memory_gb").usd();
        lines.add(line("Lambda compute", gbSeconds, "GB-s", "lambda.gb_second"));
        double frames =
            UnitRules.apiGatewayMessages(month.pushes(), month.pushBytes())
                + month.webSocketFramesIn();
        lines.add(
            line("API Gateway WebSocket messages", frames, "message", "apigw.websocket_message"));
        lines.add(
            line(
                "API Gateway connection minutes",
                traffic.monthlyConnectionMinutes(),
                "minute",
                "apigw.websocket_connection_minute"));
        lines.add(
            line(
                "API Gateway HTTP requests",
                month.httpRequests(),
                "request",
                "apigw.http_request"));
      }
      default -> throw new IllegalArgumentException("unknown runtime " + runtime);
    }
    double total = lines.stream().mapToDouble(Line::usdPerMonth).sum();
    return new Estimate(lines, total, total / (traffic.monthlyPosts() / 1_000_000));
  }

  private Line line(String component, double quantity, String unit, String priceKey) {
    return new Line(component, quantity, unit, quantity * prices.unit(priceKey));
  }
}
