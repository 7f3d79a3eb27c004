package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Jetty refuses before any route sees it used to get Jetty's HTML error page, and the
 * WebSocket upgrade's 401 had an empty body. Every one is now API.md's problem+json.
 */
class JettyErrorsAreProblemsTest {

  @Test
  void everyRequestJettyRefusesIsAnsweredWithAProblem() {
    String big = "a".repeat(10_000);
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("NUL in the path", "GET /v1/%00 HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("invalid UTF-8 in the path", "GET /v1/%FF HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("braces in the path", "GET /v1/{} HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("encoded slash", "GET /v1/groups/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("DELETE with NUL", "DELETE /v1/%00 HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("bad Host", "GET /health HTTP/1.1\r\nHost: a b\r\n\r\n");
    attacks.put("two Hosts", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    attacks.put("no Host", "GET /health HTTP/1.1\r\n\r\n");
    attacks.put(
        "header too large", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
    attacks.put("URI too long", "GET /health?" + big + " HTTP/1.1\r\nHost: x\r\n\r\n");
    attacks.put("bad request line", "GARBAGE\r\n\r\n");
    attacks.put("unknown version", "GET /health HTTP/7.0\r\nHost: x\r\n\r\n");
    attacks.put("bad header line", "GET /health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n");
    attacks.put(
        "bad content length", "POST /v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n");
    attacks.put("WebSocket upgrade with a bad token", RawHttp.upgrade("/v1/ws?token=x", ""));
    attacks.put("WebSocket upgrade without a token", RawHttp.upgrade("/v1/ws", ""));
    attacks.put("WebSocket upgrade elsewhere", RawHttp.upgrade("/v1/nowhere", ""));

    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder().passwordIterations(1_000).build())) {
      attacks.forEach(
          (name, request) -> {
            RawHttp.Answer answer = RawHttp.exchange(deployment.baseUri(), request);
            // 4xx, and 505 for an HTTP version Jetty does not speak.
            assertThat(answer.status()).as(name).isBetween(400, 505).isNotIn(500, 501, 502, 503);
            assertThat(answer.header("Content-Type"))
                .as(name + ": " + answer.body())
                .startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem).as(name + ": " + answer.body()).isNotNull();
            assertThat(problem.get("status").asInt()).as(name).isEqualTo(answer.status());
            assertThat(problem.get("code").asText()).as(name).isNotBlank();
            assertThat(problem.get("title").asText()).as(name).isNotBlank();
            assertThat(answer.body()).as(name).doesNotContain("<html").doesNotContain(big);
          });

      RawHttp.Answer upgrade =
          RawHttp.exchange(deployment.baseUri(), RawHttp.upgrade("/v1/ws?token=x", ""));
      assertThat(upgrade.status()).isEqualTo(401);
      assertThat(upgrade.code()).isEqualTo("unauthenticated");
      OrdinaryClient.isServed(deployment.baseUri());
    }
  }
}
