package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.application.port.out.PortMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorizer fed realistic HTTP API (2.0) and WebSocket ($connect) authorizer events. */
class AuthorizerHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final PortMetrics metrics =
      (layer, port, op, kind, outcome) ->
          calls
              .computeIfAbsent(
                  layer.label() + " " + kind.name().toLowerCase() + " " + outcome.label(),
                  k -> new AtomicInteger())
              .incrementAndGet();
  private LambdaRuntime runtime;
  private final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    runtime = TestRuntimes.memory(Optional.empty(), metrics);
    vars.put("handle", "alice_" + UUID.randomUUID().toString().substring(0, 6));
    JsonNode session =
        JSON.readTree(
            runtime
                .http()
                .handleRequest(ApiGatewayEvents.http("http-sign-up.json", vars), null)
                .getBody());
    vars.put("userId", session.get("userId").asText());
    vars.put("token", session.get("token").asText());
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void aValidBearerTokenPutsTheUserInTheHttpContext() throws Exception {
    JsonNode answer = authorize("authorizer-http.json");

    assertThat(answer.get("isAuthorized").asBoolean()).isTrue();
    assertThat(answer.get("context").get("userId").asText()).isEqualTo(vars.get("userId"));
    assertThat(answer.get("context").get("handle").asText()).isEqualTo(vars.get("handle"));
  }

  @Test
  void missingBasicAndTamperedTokensReachTheHandlerWithoutAPrincipal() throws Exception {
    String token = vars.get("token");
    JsonNode missing = authorize("authorizer-http-no-token.json");
    JsonNode basic = authorize("authorizer-http-basic.json");
    vars.put("token", token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"));
    JsonNode tampered = authorize("authorizer-http.json");

    for (JsonNode answer : new JsonNode[] {missing, basic, tampered}) {
      assertThat(answer.get("context").has("userId")).isFalse();
      assertThat(answer.get("context").get("refusal").asText()).isNotBlank();
    }
    // The handler turns a context without a principal into API.md's 401 problem.
    vars.put("userId", "");
    assertThat(
            runtime
                .http()
                .handleRequest(ApiGatewayEvents.http("http-me-bad-token.json", vars), null)
                .getStatusCode())
        .isEqualTo(401);
  }

  @Test
  void theWebSocketConnectIsAllowedForAGoodTokenAndDeniedForABadOne() throws Exception {
    vars.put("connectionId", "L0SM9cOFvHcCIhw=");
    JsonNode allowed = authorize("authorizer-websocket.json");
    vars.put("token", "not-a-token");
    JsonNode denied = authorize("authorizer-websocket.json");

    assertThat(allowed.get("principalId").asText()).isEqualTo(vars.get("userId"));
    assertThat(allowed.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Allow");
    assertThat(allowed.at("/policyDocument/Statement/0/Resource").asText())
        .isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:w5ocket1d/prod/$connect");
    assertThat(allowed.get("context").get("userId").asText()).isEqualTo(vars.get("userId"));
    assertThat(denied.at("/policyDocument/Statement/0/Effect").asText()).isEqualTo("Deny");
    assertThat(denied.has("context")).isFalse();
  }

  @Test
  void aRepeatTokenIsAnsweredWithoutAStoreRead() throws Exception {
    authorize("authorizer-http.json");
    int storeReads = count("store read ok");
    int cacheHits = count("cache read hit");

    JsonNode again = authorize("authorizer-http.json");

    assertThat(again.get("context").get("userId").asText()).isEqualTo(vars.get("userId"));
    assertThat(count("store read ok")).isEqualTo(storeReads);
    assertThat(count("cache read hit")).isEqualTo(cacheHits + 1);
  }

  @Test
  void anHttpRequestWithoutATokenIsLetThroughWithTheReasonOnly() throws Exception {
    assertThat(answer(ApiGatewayEvents.json("authorizer-http-no-token.json", vars)))
        .isEqualTo(
            "{\"isAuthorized\":true,"
                + "\"context\":{\"refusal\":\"an Authorization: Bearer token is required\"}}");
  }

  @Test
  void aHandMadeHttpEventMayNameTheAuthorizationHeaderInAnyCase() throws Exception {
    ObjectNode event = event("authorizer-http.json");
    ObjectNode headers = (ObjectNode) event.get("headers");
    headers.set("Authorization", headers.remove("authorization"));

    JsonNode answer = JSON.readTree(answer(event.toString()));

    assertThat(answer.get("context").get("userId").asText()).isEqualTo(vars.get("userId"));
  }

  @Test
  void aWebSocketConnectWithoutAQueryStringIsDeniedForTheRouteItAskedFor() throws Exception {
    vars.put("connectionId", "L0SM9cOFvHcCIhw=");
    ObjectNode event = event("authorizer-websocket.json");
    event.putNull("queryStringParameters");
    event.putNull("multiValueQueryStringParameters");

    assertThat(answer(event.toString()))
        .isEqualTo(
            "{\"principalId\":\"anonymous\",\"policyDocument\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Deny\","
                + "\"Resource\":"
                + "\"arn:aws:execute-api:eu-west-1:123456789012:w5ocket1d/prod/$connect\"}]}}");
  }

  @Test
  void anEventThatIsNotJsonFailsTheInvocation() {
    assertThatThrownBy(() -> answer("{\"version\":\"2.0\",\"headers\":{"))
        .isInstanceOf(IOException.class)
        .hasMessage("the authorizer event is not JSON");
  }

  private int count(String key) {
    AtomicInteger n = calls.get(key);
    return n == null ? 0 : n.get();
  }

  private ObjectNode event(String file) throws Exception {
    return (ObjectNode) JSON.readTree(ApiGatewayEvents.json(file, vars));
  }

  private JsonNode authorize(String event) throws Exception {
    return JSON.readTree(answer(ApiGatewayEvents.json(event, vars)));
  }

  private String answer(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    runtime
        .authorizer()
        .handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }
}
