package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.application.port.out.PortMetrics;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket handler fed realistic API Gateway events from files; pushes go through the real SDK
 * client to a loopback stand-in for {@code @connections}.
 */
class WebSocketHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionsEndpointStub connections;
  private LambdaRuntime runtime;
  private final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    connections = new ConnectionsEndpointStub();
    runtime = TestRuntimes.memory(Optional.of(connections.endpoint()), PortMetrics.NONE);
    vars.put("handle", "alice_" + UUID.randomUUID().toString().substring(0, 6));
    JsonNode session =
        JSON.readTree(
            runtime
                .http()
                .handleRequest(ApiGatewayEvents.http("http-sign-up.json", vars), null)
                .getBody());
    vars.put("userId", session.get("userId").asText());
    vars.put("token", session.get("token").asText());
    vars.put(
        "groupId",
        JSON.readTree(
                runtime
                    .http()
                    .handleRequest(ApiGatewayEvents.http("http-create-group.json", vars), null)
                    .getBody())
            .get("groupId")
            .asText());
    vars.put("connectionId", "L0SM9cOFvHcCIhw=");
  }

  @AfterEach
  void stop() {
    runtime.close();
    connections.close();
  }

  @Test
  void aConnectedMemberReceivesTheMessageItSentAsMineAndAnAck() throws Exception {
    assertThat(call("ws-connect.json").getStatusCode()).isEqualTo(200);

    APIGatewayV2WebSocketResponse sent = call("ws-send-message.json");

    JsonNode ack = JSON.readTree(sent.getBody());
    assertThat(sent.getStatusCode()).isEqualTo(200);
    assertThat(ack.get("type").asText()).isEqualTo("ack");
    assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-1");
    assertThat(ack.get("seq").asLong()).isEqualTo(1);
    List<ConnectionsEndpointStub.Received> pushes = connections.received();
    assertThat(pushes).hasSize(1);
    assertThat(pushes.get(0).path()).isEqualTo("/prod/@connections/L0SM9cOFvHcCIhw%3D");
    JsonNode pushed = JSON.readTree(pushes.get(0).body());
    assertThat(pushed.get("type").asText()).isEqualTo("message");
    assertThat(pushed.get("messageId").asText()).isEqualTo(ack.get("messageId").asText());
    assertThat(pushed.get("body").asText()).isEqualTo("hi all");
    assertThat(pushed.get("mine").asBoolean()).isTrue();
  }

  @Test
  void oversizedInvalidAndUnroutableFramesGetErrorFrames() throws Exception {
    call("ws-connect.json");
    vars.put("big", "x".repeat(17 * 1024));

    JsonNode oversized = JSON.readTree(call("ws-send-message-oversized.json").getBody());
    JsonNode invalid = JSON.readTree(call("ws-send-message-invalid-body.json").getBody());
    JsonNode notJson = JSON.readTree(call("ws-default-not-json.json").getBody());

    assertThat(oversized.get("type").asText()).isEqualTo("error");
    assertThat(oversized.get("code").asText()).isEqualTo("payload_too_large");
    assertThat(oversized.get("clientMessageId")).isNull();
    assertThat(invalid.get("code").asText()).isEqualTo("invalid_body");
    assertThat(invalid.get("clientMessageId").asText()).isEqualTo("c-3");
    assertThat(notJson.get("code").asText()).isEqualTo("malformed_json");
    assertThat(connections.received()).isEmpty();
  }

  /**
   * The owner mutes the author of a message they sent themself (the answer is the same whoever
   * wrote it): their next {@code sendMessage} gets the {@code muted} error frame, which says how
   * long, and nothing is stored or pushed.
   */
  @Test
  void aMutedAuthorsSendMessageGetsTheMutedErrorFrame() throws Exception {
    call("ws-connect.json");
    JsonNode ack = JSON.readTree(call("ws-send-message.json").getBody());
    vars.put("messageId", ack.get("messageId").asText());
    vars.put("minutes", "5");
    int pushedBefore = connections.received().size();

    int muted =
        runtime
            .http()
            .handleRequest(ApiGatewayEvents.http("http-mute-author.json", vars), null)
            .getStatusCode();
    JsonNode refused = JSON.readTree(call("ws-send-message.json").getBody());

    assertThat(muted).isEqualTo(204);
    assertThat(refused.get("type").asText()).isEqualTo("error");
    assertThat(refused.get("code").asText()).isEqualTo("muted");
    assertThat(refused.get("clientMessageId").asText()).isEqualTo("c-1");
    assertThat(refused.get("detail").asText()).containsPattern("try again in \\d+ s");
    assertThat(connections.received()).hasSize(pushedBefore);
  }

  @Test
  void aDisconnectedConnectionIsPushedNothingMore() {
    call("ws-connect.json");
    assertThat(call("ws-disconnect.json").getStatusCode()).isEqualTo(200);
    vars.put("body", "anyone there?");

    runtime.http().handleRequest(ApiGatewayEvents.http("http-post-message.json", vars), null);

    assertThat(connections.received()).isEmpty();
  }

  @Test
  void withoutAConfiguredEndpointTheOneOfTheRequestContextIsUsed() {
    try (LambdaRuntime unconfigured = TestRuntimes.memory(Optional.empty(), PortMetrics.NONE)) {
      unconfigured
          .webSocket()
          .handleRequest(ApiGatewayEvents.webSocket("ws-disconnect.json", vars), null);

      assertThat(unconfigured.pusher().endpoint())
          .contains(URI.create("https://w5ocket1d.execute-api.eu-west-1.amazonaws.com/prod"));
    }
  }

  private APIGatewayV2WebSocketResponse call(String event) {
    return runtime.webSocket().handleRequest(ApiGatewayEvents.webSocket(event, vars), null);
  }
}
