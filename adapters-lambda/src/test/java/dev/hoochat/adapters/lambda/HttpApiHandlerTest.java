package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.application.port.out.PortMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API handler fed realistic API Gateway (payload 2.0) events from files. */
class HttpApiHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaRuntime runtime;
  private HttpApiHandler handler;
  private final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    runtime = TestRuntimes.memory(Optional.empty(), PortMetrics.NONE);
    handler = runtime.http();
    vars.put("handle", "alice_" + UUID.randomUUID().toString().substring(0, 6));
    JsonNode session = json(call("http-sign-up.json"));
    vars.put("userId", session.get("userId").asText());
    vars.put("token", session.get("token").asText());
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  @Test
  void signUpAnswersASessionAndMeAnswersTheSameUser() throws Exception {
    APIGatewayV2HTTPResponse me = call("http-me.json");

    assertThat(me.getStatusCode()).isEqualTo(200);
    assertThat(me.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(me).get("userId").asText()).isEqualTo(vars.get("userId"));
    assertThat(json(me).get("handle").asText()).isEqualTo(vars.get("handle"));
  }

  @Test
  void aRequestWhoseTokenTheAuthorizerRefusedGetsTheUnauthenticatedProblem() throws Exception {
    APIGatewayV2HTTPResponse me = call("http-me-bad-token.json");

    assertProblem(me, 401, "unauthenticated");
    assertThat(json(me).get("detail").asText()).isEqualTo("the token has expired");
  }

  @Test
  void malformedBodiesAndInvalidUtf8AreMalformedJson() throws Exception {
    vars.put("groupId", json(call("http-create-group.json")).get("groupId").asText());

    assertProblem(call("http-post-message-malformed.json"), 400, "malformed_json");
    assertProblem(call("http-post-message-invalid-utf8.json"), 400, "malformed_json");
    assertThat(json(call("http-read-messages.json")).get("messages")).isEmpty();
  }

  @Test
  void aBodyOverSixteenKibibytesIsTooLarge() throws Exception {
    vars.put("groupId", json(call("http-create-group.json")).get("groupId").asText());
    vars.put("body", "x".repeat(17 * 1024));

    assertProblem(call("http-post-message.json"), 413, "payload_too_large");
  }

  @Test
  void aPostedMessageIsReadBackAsTheSendersOwn() throws Exception {
    vars.put("groupId", json(call("http-create-group.json")).get("groupId").asText());
    vars.put("body", "hi all");

    APIGatewayV2HTTPResponse posted = call("http-post-message.json");
    JsonNode history = json(call("http-read-messages.json"));

    assertThat(posted.getStatusCode()).isEqualTo(201);
    assertThat(json(posted).get("seq").asLong()).isEqualTo(1);
    assertThat(history.get("messages").get(0).get("body").asText()).isEqualTo("hi all");
    assertThat(history.get("messages").get(0).get("mine").asBoolean()).isTrue();
  }

  /**
   * A path id that could name nothing is answered like one that names nothing: a malformed group id
   * is {@code group_not_found}, a malformed user id to remove is {@code member_not_found} of a
   * group the caller sees, and {@code group_not_found} of one they do not.
   */
  @Test
  void aMalformedIdInThePathIsTheSameNotFoundAsAnIdThatNamesNothing() throws Exception {
    String groupId = json(call("http-create-group.json")).get("groupId").asText();
    vars.put("groupId", "no such.group");
    vars.put("memberId", vars.get("userId"));

    assertProblem(call("http-read-messages.json"), 404, "group_not_found");
    assertProblem(call("http-remove-member.json"), 404, "group_not_found");

    vars.put("groupId", groupId);
    vars.put("memberId", "no such.user");
    assertProblem(call("http-remove-member.json"), 404, "member_not_found");

    vars.put("groupId", "no-such-group");
    assertProblem(call("http-remove-member.json"), 404, "group_not_found");
  }

  @Test
  void anInviteTheOwnerMadeLetsAnotherUserJoinOnceAndAMalformedCodeIsNotFound() throws Exception {
    vars.put("groupId", json(call("http-create-group.json")).get("groupId").asText());
    APIGatewayV2HTTPResponse invite = call("http-create-invite.json");
    assertThat(invite.getStatusCode()).as(invite.getBody()).isEqualTo(201);
    String code = json(invite).get("code").asText();
    assertThat(code).matches("[A-Za-z0-9_-]{43}");
    assertThat(json(invite).get("maxUses").asInt()).isEqualTo(2);
    String ownerId = vars.get("userId");
    signUpAs("bob_");

    vars.put("code", code.substring(1) + "*");
    assertProblem(call("http-redeem-invite.json"), 404, "invite_not_found");
    vars.put("code", code);
    APIGatewayV2HTTPResponse joined = call("http-redeem-invite.json");

    assertThat(joined.getStatusCode()).as(joined.getBody()).isEqualTo(200);
    assertThat(json(joined).get("ownerId").asText()).isEqualTo(ownerId);
    assertThat(json(joined).get("members").findValuesAsText("userId"))
        .containsExactly(ownerId, vars.get("userId"));
    assertProblem(call("http-redeem-invite.json"), 409, "already_member");
  }

  /** The owner may mute whoever wrote a message, themself too: their posts are then 403 muted. */
  @Test
  void aMutedAuthorsPostIsRefusedWithRetryAfterAndTheirMessageCanStillBeUnsent() throws Exception {
    vars.put("groupId", json(call("http-create-group.json")).get("groupId").asText());
    vars.put("body", "say something");
    vars.put("messageId", json(call("http-post-message.json")).get("messageId").asText());
    vars.put("minutes", "60");

    APIGatewayV2HTTPResponse muted = call("http-mute-author.json");
    APIGatewayV2HTTPResponse refused = call("http-post-message.json");

    assertThat(muted.getStatusCode()).as(muted.getBody()).isEqualTo(204);
    assertThat(muted.getBody()).isNullOrEmpty();
    assertProblem(refused, 403, "muted");
    long retryAfter = Long.parseLong(refused.getHeaders().get("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 3600L);
    vars.put("minutes", "0");
    assertProblem(call("http-mute-author.json"), 400, "invalid_mute");
    assertThat(call("http-unsend-message.json").getStatusCode()).isEqualTo(204);
    JsonNode entry = json(call("http-read-messages.json")).get("messages").get(0);
    assertThat(entry.get("unsent").asBoolean()).isTrue();
    assertThat(entry.has("body")).isFalse();
  }

  @Test
  void anUnknownPathIsNotFoundAndAKnownPathWithAnotherMethodIsNotAllowed() throws Exception {
    assertProblem(call("http-unknown-path.json"), 404, "not_found");
    assertProblem(call("http-wrong-method.json"), 405, "method_not_allowed");
  }

  /** Signs up someone new and makes them the caller of the next events. */
  private void signUpAs(String prefix) throws Exception {
    vars.put("handle", prefix + UUID.randomUUID().toString().substring(0, 6));
    JsonNode session = json(call("http-sign-up.json"));
    vars.put("userId", session.get("userId").asText());
    vars.put("token", session.get("token").asText());
  }

  private APIGatewayV2HTTPResponse call(String event) {
    return handler.handleRequest(ApiGatewayEvents.http(event, vars), null);
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code)
      throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("code").asText()).isEqualTo(code);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
  }
}
