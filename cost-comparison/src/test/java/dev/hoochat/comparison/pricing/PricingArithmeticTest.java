package dev.hoochat.comparison.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost model's arithmetic against cases worked out by hand from the price pages' rules. */
class PricingArithmeticTest {

  @Test
  void dynamoDbWritesAreBilledPerStartedKilobyte() {
    assertThat(UnitRules.dynamoDbWriteUnits(1)).isEqualTo(1);
    assertThat(UnitRules.dynamoDbWriteUnits(1024)).isEqualTo(1);
    assertThat(UnitRules.dynamoDbWriteUnits(1025)).isEqualTo(2);
    assertThat(UnitRules.dynamoDbWriteUnits(3500)).isEqualTo(4);
  }

  @Test
  void dynamoDbReadsAreBilledPerStartedFourKilobytesAndEventuallyConsistentReadsCostHalf() {
    assertThat(UnitRules.dynamoDbReadUnits(100, true)).isEqualTo(1);
    assertThat(UnitRules.dynamoDbReadUnits(4096, true)).isEqualTo(1);
    assertThat(UnitRules.dynamoDbReadUnits(4097, true)).isEqualTo(2);
    assertThat(UnitRules.dynamoDbReadUnits(100, false)).isEqualTo(0.5);
    assertThat(UnitRules.dynamoDbReadUnits(4097, false)).isEqualTo(1.0);
    assertThat(UnitRules.dynamoDbReadUnits(10_000, false)).isEqualTo(1.5);
  }

  @Test
  void momentoBillsEveryRequestAtLeastOneKilobyte() {
    assertThat(UnitRules.momentoBilledBytes(0)).isEqualTo(1024);
    assertThat(UnitRules.momentoBilledBytes(100)).isEqualTo(1024);
    assertThat(UnitRules.momentoBilledBytes(5000)).isEqualTo(5000);
  }

  @Test
  void elastiCacheChargesOneEcpuPerKilobyteAndAtLeastOnePerCommand() {
    assertThat(UnitRules.elastiCacheEcpus(200)).isEqualTo(1.0);
    assertThat(UnitRules.elastiCacheEcpus(3277)).isCloseTo(3.2, within(0.001));
  }

  @Test
  void apiGatewayMetersWebSocketFramesIn32KilobyteSteps() {
    assertThat(UnitRules.apiGatewayMessages(100)).isEqualTo(1);
    assertThat(UnitRules.apiGatewayMessages(32 * 1024)).isEqualTo(1);
    assertThat(UnitRules.apiGatewayMessages(32 * 1024 + 1)).isEqualTo(2);
    assertThat(UnitRules.apiGatewayMessages(100_000)).isEqualTo(4);
    // From totals: 51 small frames are 51 messages, whatever their bytes add up to.
    assertThat(UnitRules.apiGatewayMessages(51, 51 * 400)).isEqualTo(51);
    assertThat(UnitRules.httpApiRequests(600 * 1024)).isEqualTo(2);
  }

  /**
   * 1,000 users × 10 posts a day = 304,166.67 posts in a 730-hour month. Per post: 2 RRU, 3 WRU, 4
   * KiB of cache requests, 50 pushes of 300 bytes, 1 frame in, 1 Lambda invocation of 0.1 GB-s.
   */
  @Test
  void aMonthIsPricedLineByLineFromTheUsageOfOnePost() {
    Usage perPost = new Usage(1, 2, 2, 3, 2, 1, 100, 3996, 4, 50, 50 * 300, 0, 1, 1, 0.1);
    Traffic traffic = new Traffic(1_000, 10, 0, 0, 0, 0);
    CostModel model = new CostModel(PriceList.defaults());

    CostModel.Estimate bill =
        model.estimate(
            "dynamodb", "momento", "lambda", Map.of(Activity.POST, perPost), traffic, 50);

    assertThat(traffic.monthlyPosts()).isCloseTo(304_166.667, within(0.001));
    assertThat(usd(bill, "DynamoDB reads"))
        .isCloseTo(0.0760417, within(1e-6)); // 608,333 × $0.125/M
    assertThat(usd(bill, "DynamoDB writes"))
        .isCloseTo(0.5703125, within(1e-6)); // 912,500 × $0.625/M
    // 1,000 users × 1 KiB + 20 groups × 100 messages × 1 KiB = 3,072,000 bytes = 0.002861 GB
    assertThat(usd(bill, "DynamoDB storage")).isCloseTo(0.000715, within(1e-6));
    // 1,216,666.67 KiB = 1.160304 GB × $0.50
    assertThat(usd(bill, "Momento transfer")).isCloseTo(0.580152, within(1e-6));
    assertThat(usd(bill, "Lambda requests")).isCloseTo(0.0608333, within(1e-6));
    assertThat(usd(bill, "Lambda compute")).isCloseTo(0.506945, within(1e-5)); // 30,416.7 GB-s
    // (50 pushes + 1 frame in) × 304,166.67 = 15,512,500 messages × $1/M
    assertThat(usd(bill, "API Gateway WebSocket messages")).isCloseTo(15.5125, within(1e-6));
    assertThat(bill.usdPerMonth()).isCloseTo(17.30750, within(1e-4));
    assertThat(bill.usdPerMillionMessages()).isCloseTo(17.30750 / 0.30416667, within(1e-3));
  }

  @Test
  void redisIsPricedByEcpusPlusTheStorageMinimumAndTheStandaloneServerByTheHour() {
    Usage perPost = new Usage(0, 3, 0, 0, 2, 1, 100, 3996, 6, 50, 15_000, 0, 1, 0, 0);
    Traffic traffic = new Traffic(10_000, 100, 0, 0, 0, 2);

    CostModel.Estimate bill =
        new CostModel(PriceList.defaults())
            .estimate("memory", "redis", "standalone", Map.of(Activity.POST, perPost), traffic, 50);

    // 30,416,666.7 posts × 6 ECPU = 182.5 M ECPU × $0.0023/M
    assertThat(usd(bill, "ElastiCache ECPUs")).isCloseTo(0.41975, within(1e-5));
    // 0.1 GB × 730 h × $0.084
    assertThat(usd(bill, "ElastiCache storage (minimum)")).isCloseTo(6.132, within(1e-9));
    assertThat(usd(bill, "standalone host")).isCloseTo(15.184, within(1e-9)); // 730 h × $0.0208
    assertThat(bill.usdPerMonth()).isCloseTo(21.73575, within(1e-5));
  }

  @Test
  void aUsersOwnPriceFileReplacesTheBuiltInPricesAndMustNameEveryPrice() {
    StringBuilder csv = new StringBuilder(PriceList.HEADER).append('\n');
    for (Price p : PriceList.defaults().all()) {
      double usd = p.key().equals("standalone.host_hour") ? 0.0104 : p.usd();
      csv.append(
          String.join(
                  ",",
                  p.key(),
                  Double.toString(usd),
                  Double.toString(p.per()),
                  "\"" + p.unit().replace("\"", "\"\"") + "\"",
                  "\"my contract, page 3\"",
                  "2026-01-01")
              + "\n");
    }
    PriceList mine = PriceList.parse(csv.toString(), "mine.csv");
    assertThat(mine.unit("standalone.host_hour")).isEqualTo(0.0104);
    assertThat(mine.get("momento.gb_transferred").source()).isEqualTo("my contract, page 3");

    String withoutMomento =
        csv.toString()
            .lines()
            .filter(l -> !l.startsWith("momento."))
            .reduce("", (a, b) -> a + b + "\n");
    assertThatThrownBy(() -> PriceList.parse(withoutMomento, "short.csv"))
        .hasMessageContaining("short.csv")
        .hasMessageContaining("momento.gb_transferred");
  }

  @Test
  void everyBuiltInPriceSaysWhereAndWhenItWasRead() {
    assertThat(PriceList.defaults().all())
        .allSatisfy(
            p -> {
              assertThat(p.source()).isNotBlank();
              assertThat(p.date()).isNotBlank();
            });
    assertThat(PriceList.defaults().unit("dynamodb.read_request_unit")).isEqualTo(0.125e-6);
  }

  private static double usd(CostModel.Estimate bill, String component) {
    return bill.lines().stream()
        .filter(l -> l.component().equals(component))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + component + " in " + bill.lines()))
        .usdPerMonth();
  }
}
