package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.adapters.javalin.boot.ServerConfig.HttpLimits;
import dev.hoochat.testsupport.e2e.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slowloris against the standalone server: a few hundred connections that send their request body
 * (or their headers) one byte per tick. Before, ~205 slow bodies held all 200 server threads and
 * every REST call, WebSocket ack and push stalled. Now bodies are read without a thread, and heads
 * and bodies that take longer than their deadline are answered 408 and closed.
 */
class SlowClientsTest {
  /** Well above the server's 200 threads. */
  private static final int N = 300;

  private static ServerConfig config(Duration headerTimeout, Duration bodyTimeout) {
    return ServerConfig.embedded().toBuilder()
        .postsPerMinute(0)
        .passwordIterations(1_000)
        .httpLimits(
            HttpLimits.defaults()
                .withTimeouts(HttpLimits.defaults().idleTimeout(), headerTimeout, bodyTimeout))
        .build();
  }

  @Test
  void hundredsOfSlowBodiesAndHeadsHeldOpenDoNotStarveAnOrdinaryClient() throws Exception {
    // Deadlines far away: every slow client is still connected while the ordinary one is served.
    Duration far = Duration.ofMinutes(5);
    try (StandaloneDeployment deployment = StandaloneDeployment.start(config(far, far));
        SlowClients bodies =
            SlowClients.open(
                deployment.baseUri(), SlowClients.Kind.BODY, N, null, Duration.ofSeconds(1));
        SlowClients heads =
            SlowClients.open(
                deployment.baseUri(), SlowClients.Kind.HEAD, N, null, Duration.ofSeconds(1))) {

      OrdinaryClient.isServed(deployment.baseUri());

      assertThat(bodies.stillOpen()).as("slow bodies still connected").isEqualTo(N);
      assertThat(heads.stillOpen()).as("slow heads still connected").isEqualTo(N);
    }
  }

  @Test
  void slowBodiesAndHeadsAreAnswered408AndClosedAtTheirDeadline() throws Exception {
    Duration deadline = Duration.ofSeconds(2);
    try (LogCapture logs = LogCapture.start();
        StandaloneDeployment deployment = StandaloneDeployment.start(config(deadline, deadline));
        SlowClients bodies =
            SlowClients.open(
                deployment.baseUri(), SlowClients.Kind.BODY, N, null, Duration.ofMillis(500));
        SlowClients heads =
            SlowClients.open(
                deployment.baseUri(), SlowClients.Kind.HEAD, N, null, Duration.ofMillis(500))) {

      OrdinaryClient.isServed(deployment.baseUri());

      // Generous: the deadline is 2 s; the bound only guards against "never".
      assertThat(bodies.awaitAllClosed(Duration.ofSeconds(60))).as("slow bodies cut off").isTrue();
      assertThat(heads.awaitAllClosed(Duration.ofSeconds(60))).as("slow heads cut off").isTrue();
      assertAnswered408(bodies.answers());
      assertAnswered408(heads.answers());
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).contains("event=request_timeout phase=body"))
          .anySatisfy(line -> assertThat(line).contains("event=request_timeout phase=head"));

      OrdinaryClient.isServed(deployment.baseUri());
    }
  }

  /** Whatever a cut-off client read before the close is the 408 problem (a reset may lose it). */
  private static void assertAnswered408(List<String> answers) {
    List<String> read = answers.stream().filter(a -> !a.isEmpty()).toList();
    assertThat(read).as("answers read before the close").isNotEmpty();
    assertThat(read)
        .allSatisfy(
            a ->
                assertThat(a)
                    .startsWith("HTTP/1.1 408 ")
                    .contains("application/problem+json")
                    .contains("\"code\":\"request_timeout\""));
  }
}
