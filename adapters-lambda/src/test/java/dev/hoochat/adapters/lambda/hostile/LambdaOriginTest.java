package dev.hoochat.adapters.lambda.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.testsupport.e2e.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On Lambda, a WebSocket {@code $connect} whose {@code Origin} is not in {@code
 * HOOCHAT_ALLOWED_ORIGINS} is refused with 403 (by default no browser origin is allowed: Lambda has
 * no origin of its own); a connect without {@code Origin} is allowed. Run through the local API
 * Gateway on loopback, and through the handler for the answer's body.
 */
class LambdaOriginTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void byDefaultNoBrowserOriginMayConnectButClientsWithoutOneMay() throws Exception {
    try (LogCapture logs = LogCapture.start();
        LambdaDeployment deployment = LambdaDeployment.start(Map.of())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("lorigin_a", "correct horse");
      String path = "/v1/ws?token=" + alice.token();

      assertThat(upgrade(deployment.baseUri(), path, "https://evil.example")).isEqualTo(403);
      assertThat(upgrade(deployment.baseUri(), path, "null")).isEqualTo(403);
      assertThat(upgrade(deployment.baseUri(), path, null)).isEqualTo(101);
      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("event=websocket_refused reason=forbidden_origin")
                      .contains("origin=\"https://evil.example\""));
      ordinaryClientIsServed(api);
    }
  }

  @Test
  void configuredOriginsMayConnectAndOthersAreRefused() throws Exception {
    try (LambdaDeployment deployment =
        LambdaDeployment.start(
            Map.of("HOOCHAT_ALLOWED_ORIGINS", "https://chat.example, https://app.example"))) {
      ChatClient api = new ChatClient(deployment.baseUri());
      String path = "/v1/ws?token=" + api.signUp("lorigin_b", "correct horse").token();

      assertThat(upgrade(deployment.baseUri(), path, "https://chat.example")).isEqualTo(101);
      assertThat(upgrade(deployment.baseUri(), path, "https://app.example")).isEqualTo(101);
      assertThat(upgrade(deployment.baseUri(), path, "https://evil.example")).isEqualTo(403);
      ordinaryClientIsServed(api);
    }
  }

  @Test
  void theConnectHandlerAnswersTheProblemAndRegistersNothing() throws Exception {
    try (LambdaDeployment deployment = LambdaDeployment.start(Map.of())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("lorigin_c", "correct horse");
      APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
      event.setHeaders(Map.of("origin", "https://evil.example"));
      APIGatewayV2WebSocketEvent.RequestContext context =
          new APIGatewayV2WebSocketEvent.RequestContext();
      context.setRouteKey("$connect");
      context.setConnectionId("evil-connection");
      context.setAuthorizer(
          Map.of(
              "principalId", alice.userId(), "userId", alice.userId(), "handle", alice.handle()));
      event.setRequestContext(context);

      APIGatewayV2WebSocketResponse answer =
          deployment.runtime().webSocket().handleRequest(event, null);

      assertThat(answer.getStatusCode()).isEqualTo(403);
      JsonNode problem = ChatClient.JSON.readTree(answer.getBody());
      assertThat(problem.get("code").asText()).isEqualTo("forbidden_origin");
      assertThat(problem.get("status").asInt()).isEqualTo(403);
      ordinaryClientIsServed(api);
    }
  }

  private static void ordinaryClientIsServed(ChatClient api) {
    Account bob = api.signUp("lorigin_ok_" + System.nanoTime() % 100_000, "correct horse");
    Account carol = api.signUp("lorigin_ok2_" + System.nanoTime() % 100_000, "correct horse");
    Reply group =
        api.post(
            "/v1/groups",
            bob.token(),
            "{\"name\":\"ok\",\"members\":[\"" + carol.handle() + "\"]}");
    assertThat(group.status()).isEqualTo(201);
    String groupId = group.json().get("groupId").asText();
    try (ChatSocket socket = api.connect(carol.token())) {
      assertThat(
              api.post("/v1/groups/" + groupId + "/messages", bob.token(), "{\"body\":\"hi\"}")
                  .status())
          .isEqualTo(201);
      assertThat(socket.awaitMessages(groupId, 1, WAIT)).hasSize(1);
    }
  }

  /** The status the gateway answers a WebSocket upgrade with this Origin (none when null). */
  private static int upgrade(URI base, String path, String origin) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
              + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              + (origin == null ? "" : "Origin: " + origin + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return Integer.parseInt(line.toString(StandardCharsets.ISO_8859_1).split(" ")[1]);
    }
  }
}
