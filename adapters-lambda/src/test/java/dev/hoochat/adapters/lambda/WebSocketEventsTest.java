package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebSocket function reads its events itself (the Lambda runtime's serializer costs a cold
 * start some 700 classes): what the handler reads must come out as the runtime's serializer would
 * give it, and API Gateway must find the status and body in the answer.
 */
class WebSocketEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> VARS =
      Map.of(
          "token", "t0k3n",
          "userId", "u-1",
          "handle", "alice",
          "groupId", "g-1",
          "connectionId", "c-\"1\"");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ws-connect.json",
        "ws-disconnect.json",
        "ws-send-message.json",
        "ws-send-message-invalid-body.json",
        "ws-send-message-oversized.json",
        "ws-default-not-json.json"
      })
  void readsWhatTheRuntimesSerializerReads(String file) throws IOException {
    String json = ApiGatewayEvents.json(file, VARS);
    assertThat(view(read(json))).isEqualTo(view(runtimeRead(json)));
  }

  @Test
  void readsOddEventsAsTheRuntimesSerializerDoes() throws IOException {
    String json =
        """
        {"body": "first", "body": "\\ud800 lone", "isBase64Encoded": true, "unknown": [1, {"a": 2}],
         "headers": {"Origin": "https://evil.example", "X-Number": "7"},
         "requestContext": {"routeKey": "sendMessage", "connectionId": "c-9", "stage": "prod",
           "domainName": "example.com", "identity": {"sourceIp": "203.0.113.9"},
           "authorizer": {"userId": 42, "handle": "bob", "flag": true, "nested": null}}}
        """;
    assertThat(view(read(json))).isEqualTo(view(runtimeRead(json)));
  }

  @Test
  void anEventThatIsNotAnObjectReadsAsEmpty() throws IOException {
    APIGatewayV2WebSocketEvent event = read("[1, 2]");
    assertThat(event.getRequestContext()).isNull();
    assertThat(event.getBody()).isNull();
  }

  @Test
  void writesTheStatusAndBodyApiGatewayReads() throws IOException {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(403);
    response.setBody("{\"type\":\"forbidden_origin\",\"detail\":\"ünïcödé \\\"quoted\\\"\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WebSocketEvents.write(response, out);

    JsonNode written = JSON.readTree(out.toByteArray());
    assertThat(written.path("statusCode").asInt()).isEqualTo(403);
    assertThat(written.path("body").asText()).isEqualTo(response.getBody());
    assertThat(written.path("isBase64Encoded").asBoolean(true)).isFalse();

    APIGatewayV2WebSocketResponse empty = new APIGatewayV2WebSocketResponse();
    empty.setStatusCode(200);
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    WebSocketEvents.write(empty, none);
    assertThat(JSON.readTree(none.toByteArray()).has("body")).isFalse();
  }

  private static APIGatewayV2WebSocketEvent read(String json) throws IOException {
    return WebSocketEvents.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static APIGatewayV2WebSocketEvent runtimeRead(String json) {
    return LambdaFunction.serializer(APIGatewayV2WebSocketEvent.class).fromJson(json);
  }

  /** Every field of the event the handler reads. */
  private static Map<String, Object> view(APIGatewayV2WebSocketEvent event) {
    Map<String, Object> view = new HashMap<>();
    view.put("body", event.getBody());
    view.put(
        "body.chars",
        event.getBody() == null ? null : Arrays.toString(event.getBody().toCharArray()));
    view.put("isBase64Encoded", event.isIsBase64Encoded());
    view.put("headers", event.getHeaders());
    APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
    if (context != null) {
      view.put("routeKey", context.getRouteKey());
      view.put("connectionId", context.getConnectionId());
      view.put("domainName", context.getDomainName());
      view.put("stage", context.getStage());
      view.put("authorizer", context.getAuthorizer());
      view.put(
          "sourceIp", context.getIdentity() == null ? null : context.getIdentity().getSourceIp());
    }
    return view;
  }
}
