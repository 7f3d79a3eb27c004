package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.testsupport.e2e.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A web page on another site that holds a stolen token could open the WebSocket and chat as its
 * user. An upgrade whose {@code Origin} is not on the allow-list is now refused with {@code 403
 * forbidden_origin}; without {@code Origin} (not a browser) it is allowed. REST sends no CORS
 * headers.
 */
class OriginTest {

  @Test
  void byDefaultOnlyTheServersOwnOriginAndClientsWithoutAnOriginMayOpenASocket() {
    try (LogCapture logs = LogCapture.start();
        StandaloneDeployment deployment = start(Optional.empty())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("origin_a", "correct horse");
      String path = "/v1/ws?token=" + alice.token();
      String own = "http://127.0.0.1:" + deployment.baseUri().getPort();

      for (String evil :
          List.of("https://evil.example", "null", "http://127.0.0.1:1", own + ".evil.example")) {
        RawHttp.Answer refused =
            RawHttp.exchange(
                deployment.baseUri(), RawHttp.upgrade(path, "Origin: " + evil + "\r\n"));
        assertThat(refused.status()).as(evil).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("forbidden_origin");
        assertThat(refused.json().get("status").asInt()).isEqualTo(403);
      }
      assertThat(
              RawHttp.exchange(
                      deployment.baseUri(), RawHttp.upgrade(path, "Origin: " + own + "\r\n"))
                  .status())
          .as("own origin")
          .isEqualTo(101);
      assertThat(RawHttp.exchange(deployment.baseUri(), RawHttp.upgrade(path, "")).status())
          .as("no Origin")
          .isEqualTo(101);

      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("event=websocket_refused reason=forbidden_origin")
                      .contains("origin=\"https://evil.example\""));
      OrdinaryClient.isServed(deployment.baseUri());
    }
  }

  @Test
  void onLoopbackThePageMayComeFromLocalhostOrTheAddressButNotFromAnotherPort() {
    try (StandaloneDeployment deployment = start(Optional.empty())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      String path = "/v1/ws?token=" + api.signUp("origin_d", "correct horse").token();
      int port = deployment.baseUri().getPort();

      assertThat(upgradeFrom(deployment, path, "http://localhost:" + port)).isEqualTo(101);
      assertThat(upgradeFrom(deployment, path, "http://[::1]:" + port)).isEqualTo(101);
      assertThat(upgradeFrom(deployment, path, "http://127.0.0.1:" + port)).isEqualTo(101);
      assertThat(upgradeFrom(deployment, path, "http://localhost:" + (port + 1))).isEqualTo(403);
      assertThat(upgradeFrom(deployment, path, "https://localhost:" + port)).isEqualTo(403);
      assertThat(upgradeFrom(deployment, path, "http://localhost.evil.example")).isEqualTo(403);
    }
  }

  @Test
  void configuredOriginsReplaceTheDefault() {
    try (StandaloneDeployment deployment =
        start(Optional.of(List.of("https://chat.example", "https://app.example/")))) {
      ChatClient api = new ChatClient(deployment.baseUri());
      String path = "/v1/ws?token=" + api.signUp("origin_b", "correct horse").token();
      String own = "http://127.0.0.1:" + deployment.baseUri().getPort();

      assertThat(upgradeFrom(deployment, path, "https://chat.example")).isEqualTo(101);
      assertThat(upgradeFrom(deployment, path, "https://APP.example")).isEqualTo(101);
      assertThat(upgradeFrom(deployment, path, own)).isEqualTo(403);
      assertThat(upgradeFrom(deployment, path, "https://evil.example")).isEqualTo(403);
    }
  }

  @Test
  void restAnswersCarryNoCorsHeaders() {
    try (StandaloneDeployment deployment = start(Optional.empty())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Map<String, String> fromEvil = Map.of("Origin", "https://evil.example");
      ChatClient.Reply preflight =
          api.sendBytes(
              "OPTIONS",
              "/v1/users",
              null,
              null,
              Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
      ChatClient.Reply signUp =
          api.sendBytes(
              "POST",
              "/v1/users",
              null,
              "{\"handle\":\"origin_c\",\"password\":\"correct horse\"}".getBytes(),
              fromEvil);
      ChatClient.Reply health = api.sendBytes("GET", "/health", null, null, fromEvil);

      assertThat(signUp.status()).isEqualTo(201);
      for (ChatClient.Reply reply : List.of(preflight, signUp, health)) {
        assertThat(reply.headers().keySet())
            .noneSatisfy(name -> assertThat(name.toLowerCase()).startsWith("access-control-"));
      }
    }
  }

  private static int upgradeFrom(StandaloneDeployment deployment, String path, String origin) {
    return RawHttp.exchange(
            deployment.baseUri(), RawHttp.upgrade(path, "Origin: " + origin + "\r\n"))
        .status();
  }

  private static StandaloneDeployment start(Optional<List<String>> origins) {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder()
            .passwordIterations(1_000)
            .allowedOrigins(origins)
            .build());
  }
}
