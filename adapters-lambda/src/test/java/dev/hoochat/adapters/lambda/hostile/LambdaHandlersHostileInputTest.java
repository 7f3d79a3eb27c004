package dev.hoochat.adapters.lambda.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.ApiGatewayEvents;
import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.testsupport.hostile.HostileInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input fed to the Lambda handlers as API Gateway events: invalid UTF-8 (which API Gateway
 * hands over base64-encoded), unpaired surrogates, control and bidirectional formatting characters,
 * method-override headers and correctly signed tokens with absurd expiries. Each attack is refused
 * with API.md's answer, and the ordinary post right after it is stored and read back unchanged.
 */
class LambdaHandlersHostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "aG9zdGlsZS1pbnB1dC10b2tlbi1rZXktMzItYnl0ZXMhIQ==";

  private LambdaRuntime runtime;
  private final Map<String, String> vars = new HashMap<>();
  private final List<String> stored = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Map<String, String> env = new HashMap<>(LambdaDeployment.localEnvironment());
    env.put("HOOCHAT_STORE", "memory");
    env.put("HOOCHAT_CACHE", "memory");
    env.put("HOOCHAT_TOKEN_KEY", KEY);
    runtime =
        LambdaRuntime.start(
            LambdaSettings.fromEnvironment(env), PortMetrics.NONE, UnaryOperator.identity());
    vars.put("handle", "bob_" + UUID.randomUUID().toString().substring(0, 6));
    String bob = vars.get("handle");
    vars.put("memberId", json(http(event("http-sign-up.json"))).get("userId").asText());
    vars.put("handle", "alice_" + UUID.randomUUID().toString().substring(0, 6));
    JsonNode session = json(http(event("http-sign-up.json")));
    vars.put("userId", session.get("userId").asText());
    vars.put("token", session.get("token").asText());
    APIGatewayV2HTTPEvent create = event("http-create-group.json");
    create.setBody("{\"name\":\"inner circle\",\"members\":[\"" + bob + "\"]}");
    vars.put("groupId", json(http(create)).get("groupId").asText());
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void invalidUtf8BodiesAreMalformedJsonAndTheNextPostIsStored() throws Exception {
    for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
      APIGatewayV2HTTPEvent post = event("http-post-message.json");
      post.setBody(Base64.getEncoder().encodeToString(HostileInput.messageWith(bad)));
      post.setIsBase64Encoded(true);

      assertProblem(http(post), 400, "malformed_json", bad.name());
      assertOrdinaryPostIsStored();
    }
    assertThat(history()).containsExactlyElementsOf(stored);
  }

  @Test
  void anUnpairedSurrogateIsMalformedJsonAsAnEscapeOrInTheDecodedEventBody() throws Exception {
    APIGatewayV2HTTPEvent escaped = event("http-post-message.json");
    escaped.setBody("{\"body\":\"a\\uD800b\"}");
    APIGatewayV2HTTPEvent decoded = event("http-post-message.json");
    decoded.setBody("{\"body\":\"a\uD800b\"}");

    assertProblem(http(escaped), 400, "malformed_json", "escape");
    assertProblem(http(decoded), 400, "malformed_json", "decoded text");
    assertOrdinaryPostIsStored();
    assertThat(history()).containsExactlyElementsOf(stored);
  }

  @Test
  void controlAndBidiCharactersAreRefusedInBodiesNamesAndHandles() throws Exception {
    for (String body : HostileInput.REFUSED_BODIES) {
      APIGatewayV2HTTPEvent post = event("http-post-message.json");
      post.setBody("{\"body\":\"" + body + "\"}");
      assertProblem(http(post), 400, "invalid_body", body);
      assertOrdinaryPostIsStored();
    }
    for (String name : HostileInput.REFUSED_NAMES) {
      APIGatewayV2HTTPEvent create = event("http-create-group.json");
      create.setBody("{\"name\":\"" + name + "\"}");
      assertProblem(http(create), 400, "invalid_name", name);
    }
    for (String handle : HostileInput.REFUSED_HANDLES) {
      APIGatewayV2HTTPEvent signUp = event("http-sign-up.json");
      signUp.setBody("{\"handle\":\"" + handle + "\",\"password\":\"correct horse\"}");
      assertProblem(http(signUp), 400, "invalid_handle", handle);
    }
    assertThat(history()).containsExactlyElementsOf(stored);
    assertThat(json(http(event("http-me.json"))).get("groups")).hasSize(1);
  }

  @Test
  void webSocketFramesWithInvalidUtf8OrRefusedCharactersGetErrorFramesAndTheNextIsAcked()
      throws Exception {
    vars.put("connectionId", "H0st1leC0nn=");
    for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
      APIGatewayV2WebSocketEvent frame = frame("{\"action\":\"sendMessage\"}");
      byte[] bytes =
          ("{\"action\":\"sendMessage\",\"groupId\":\"" + vars.get("groupId") + "\",\"body\":\"a")
              .getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      raw.writeBytes(bytes);
      raw.writeBytes(bad.bytes());
      raw.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
      frame.setBody(Base64.getEncoder().encodeToString(raw.toByteArray()));
      frame.setIsBase64Encoded(true);

      assertThat(webSocket(frame)).as(bad.name()).containsEntry("code", "malformed_json");
    }
    assertThat(webSocket(frame(sendMessage("a\uD800b", "c-s"))))
        .containsEntry("code", "malformed_json");
    assertThat(webSocket(frame(sendMessage("x\\u202Ey", "c-b"))))
        .containsEntry("code", "invalid_body")
        .containsEntry("clientMessageId", "c-b");
    assertThat(webSocket(frame(sendMessage("x\\u0000y", "c-n"))))
        .containsEntry("code", "invalid_body");

    Map<String, String> ack =
        webSocket(frame(sendMessage(HostileInput.ORDINARY_BODY_JSON, "c-ok")));

    assertThat(ack).containsEntry("type", "ack").containsEntry("clientMessageId", "c-ok");
    assertThat(history()).containsExactly(HostileInput.ORDINARY_BODY);
  }

  @Test
  void methodOverrideIsNotHonoured() throws Exception {
    APIGatewayV2HTTPResponse removeByOverride =
        http(event("http-remove-member-method-override.json"));
    APIGatewayV2HTTPResponse createByOverride =
        http(event("http-list-groups-method-override.json"));

    assertProblem(removeByOverride, 405, "method_not_allowed", "POST with X-HTTP-Method-Override");
    assertThat(createByOverride.getStatusCode()).isEqualTo(200);
    assertThat(json(createByOverride).get("groups")).hasSize(1);
    JsonNode group = json(http(event("http-me.json"))).get("groups").get(0);
    assertThat(group.get("name").asText()).isEqualTo("inner circle");
    assertThat(group.get("memberCount").asInt()).isEqualTo(2);
    assertOrdinaryPostIsStored();
  }

  @Test
  void aCorrectlySignedTokenWithAnAbsurdExpiryIsUnauthenticatedAtTheAuthorizer() throws Exception {
    for (String expiry : HostileInput.ABSURD_EXPIRIES) {
      String token = HostileInput.signedToken(KEY, vars.get("userId"), expiry);

      JsonNode answer = authorize(token);

      assertThat(answer.get("isAuthorized").asBoolean()).isTrue(); // the handler answers the 401
      assertThat(answer.path("context").has("userId")).as(expiry).isFalse();
    }
    String fine =
        HostileInput.signedToken(
            KEY, vars.get("userId"), Long.toString(java.time.Instant.now().getEpochSecond() + 600));
    assertThat(authorize(fine).get("context").get("userId").asText()).isEqualTo(vars.get("userId"));
  }

  // ------------------------------------------------------------------ helpers

  private void assertOrdinaryPostIsStored() throws Exception {
    APIGatewayV2HTTPEvent post = event("http-post-message.json");
    post.setBody("{\"body\":\"" + HostileInput.ORDINARY_BODY_JSON + "\"}");
    APIGatewayV2HTTPResponse posted = http(post);
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(201);
    stored.add(HostileInput.ORDINARY_BODY);
  }

  private List<String> history() throws Exception {
    List<String> bodies = new ArrayList<>();
    json(http(event("http-read-messages.json")))
        .get("messages")
        .forEach(m -> bodies.add(m.get("body").asText()));
    return bodies;
  }

  private String sendMessage(String bodyJson, String clientMessageId) {
    return "{\"action\":\"sendMessage\",\"groupId\":\""
        + vars.get("groupId")
        + "\",\"body\":\""
        + bodyJson
        + "\",\"clientMessageId\":\""
        + clientMessageId
        + "\"}";
  }

  private APIGatewayV2WebSocketEvent frame(String body) {
    APIGatewayV2WebSocketEvent event = ApiGatewayEvents.webSocket("ws-send-message.json", vars);
    event.setBody(body);
    event.setIsBase64Encoded(false);
    return event;
  }

  private Map<String, String> webSocket(APIGatewayV2WebSocketEvent event) throws Exception {
    String body = runtime.webSocket().handleRequest(event, null).getBody();
    Map<String, String> fields = new HashMap<>();
    JSON.readTree(body)
        .fields()
        .forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
    return fields;
  }

  private JsonNode authorize(String token) throws Exception {
    Map<String, String> values = new HashMap<>(vars);
    values.put("token", token);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    runtime
        .authorizer()
        .handleRequest(
            new ByteArrayInputStream(
                ApiGatewayEvents.json("authorizer-http.json", values)
                    .getBytes(StandardCharsets.UTF_8)),
            out,
            null);
    return JSON.readTree(out.toByteArray());
  }

  private APIGatewayV2HTTPEvent event(String name) {
    return ApiGatewayEvents.http(name, vars);
  }

  private APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent event) {
    return runtime.http().handleRequest(event, null);
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  private static void assertProblem(
      APIGatewayV2HTTPResponse response, int status, String code, String attack) throws Exception {
    assertThat(response.getStatusCode()).as(attack + ": " + response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("code").asText()).as(attack).isEqualTo(code);
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(problem.get("detail").asText().chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
