package dev.hoochat.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.apiclient.PortCalls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short comparison over the memory and Redis caches: what its report says each configuration used
 * must be what the server's own {@code /metrics} counted for the same run.
 */
class ComparisonMetersTest {
  private static final Pattern BYTES =
      Pattern.compile(
          "^hoochat_port_bytes_total\\{[^}]*direction=\"(in|out)\"[^}]*layer=\"(\\w+)\"[^}]*\\}\\s+(\\S+)$");

  @TempDir Path out;

  @Test
  void theReportsMetersAgreeWithMetricsForTheSameRun() throws IOException {
    RunCommand run = new RunCommand();
    List<String> scrapes = new ArrayList<>();
    run.beforeStop = d -> scrapes.add(get(d.metricsUri().orElseThrow()));
    StringWriter table = new StringWriter();

    int exit =
        new CommandLine(run)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(table))
            .setErr(new PrintWriter(new StringWriter()))
            .execute(
                "--stores=memory",
                "--caches=memory,redis",
                "--groups=1",
                "--posts=30",
                "--reads=5",
                "--no-warmup",
                "--out=" + out);

    assertThat(exit).as(table.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode configurations = report.get("configurations");
    assertThat(configurations).hasSize(2);
    assertThat(scrapes).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode result = configurations.get(i).get("result");
      JsonNode total = result.get("total");
      PortCalls metrics = PortCalls.parse(scrapes.get(i));
      String label = configurations.get(i).get("configuration").asText();

      assertThat(total.get("storeReads").asLong())
          .as(label)
          .isEqualTo(metrics.total("store", "read"));
      assertThat(total.get("storeWrites").asLong())
          .as(label)
          .isEqualTo(metrics.total("store", "write"));
      assertThat(total.get("cacheReads").asLong())
          .as(label)
          .isEqualTo(metrics.total("cache", "read"));
      assertThat(total.get("cacheWrites").asLong())
          .as(label)
          .isEqualTo(metrics.total("cache", "write"));
      assertThat(total.get("pushes").asLong())
          .as(label)
          .isEqualTo(metrics.count("push", "pusher", "push", "ok"));
      assertThat(total.get("cacheBytesIn").asLong())
          .as(label)
          .isEqualTo(bytes(scrapes.get(i), "cache", "in"));
      assertThat(total.get("cacheBytesOut").asLong())
          .as(label)
          .isEqualTo(bytes(scrapes.get(i), "cache", "out"));
      assertThat(total.get("pushBytes").asLong())
          .as(label)
          .isEqualTo(bytes(scrapes.get(i), "push", "out"));

      // Every member had every message, and with a cache a post reads nothing from the store.
      assertThat(result.get("deliveries").asLong()).as(label).isEqualTo(30 * 50);
      assertThat(result.get("deliveryProblems").asLong()).as(label).isZero();
      assertThat(result.get("perActivity").get("POST").get("pushes").asDouble()).isEqualTo(50.0);
      assertThat(result.get("fanOutStoreReads").asDouble()).as(label).isLessThan(0.1);
    }
    assertThat(table.toString()).contains("memory/redis/standalone", "cheapest:", "fastest:");
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("<svg", "memory/redis/standalone");
    assertThat(Files.readAllLines(out.resolve("report.csv"))).hasSize(3);
  }

  private static long bytes(String scrape, String layer, String direction) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      Matcher m = BYTES.matcher(line.strip());
      if (m.matches() && m.group(1).equals(direction) && m.group(2).equals(layer)) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return Math.round(sum);
  }

  private static String get(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
