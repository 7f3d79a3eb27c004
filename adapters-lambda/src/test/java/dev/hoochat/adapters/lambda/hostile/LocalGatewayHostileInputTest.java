package dev.hoochat.adapters.lambda.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.testsupport.hostile.HostileInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same attacks over real HTTP on loopback, through the local API Gateway to the Lambda
 * functions: raw invalid UTF-8 bytes, method-override headers and query parameters, and correctly
 * signed tokens with absurd expiries. After each, an ordinary client is served as usual.
 */
class LocalGatewayHostileInputTest {
  private static final String KEY = "aG9zdGlsZS1pbnB1dC10b2tlbi1rZXktMzItYnl0ZXMhIQ==";
  private static final List<String> OVERRIDES =
      List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  private static LambdaDeployment deployment;
  private static ChatClient api;

  @BeforeAll
  static void start() {
    deployment =
        LambdaDeployment.start(
            Map.of("HOOCHAT_STORE", "memory", "HOOCHAT_CACHE", "memory", "HOOCHAT_TOKEN_KEY", KEY));
    api = new ChatClient(deployment.baseUri());
  }

  @AfterAll
  static void stop() {
    deployment.close();
  }

  private record Group(Account owner, Account member, String groupId) {}

  private static Group group() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Account alice = api.signUp("alice_" + suffix, "correct horse");
    Account bob = api.signUp("bob_" + suffix, "correct horse");
    Reply created =
        api.post(
            "/v1/groups",
            alice.token(),
            "{\"name\":\"inner circle\",\"members\":[\"" + bob.handle() + "\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new Group(alice, bob, created.json().get("groupId").asText());
  }

  @Test
  void rawInvalidUtf8IsMalformedJsonAndTheNextPostIsStored() {
    Group g = group();
    List<String> stored = new ArrayList<>();
    for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
      Reply refused =
          api.sendBytes(
              "POST", messages(g), g.owner().token(), HostileInput.messageWith(bad), Map.of());

      assertProblem(refused, 400, "malformed_json", bad.name());
      assertThat(postOrdinary(g).status()).isEqualTo(201);
      stored.add(HostileInput.ORDINARY_BODY);
    }
    assertThat(bodies(g, g.member())).containsExactlyElementsOf(stored);
  }

  @Test
  void methodOverrideHeadersAndParametersDoNotTurnAPostIntoADelete() {
    Group g = group();
    String member = "/v1/groups/" + g.groupId() + "/members/" + g.member().userId();
    for (String header : OVERRIDES) {
      Reply reply =
          api.sendBytes("POST", member, g.owner().token(), new byte[0], Map.of(header, "DELETE"));
      assertProblem(reply, 405, "method_not_allowed", header);
    }
    assertProblem(
        api.post(member + "?_method=DELETE", g.owner().token(), ""),
        405,
        "method_not_allowed",
        "_method");

    Reply group = api.get("/v1/groups/" + g.groupId(), g.owner().token());
    assertThat(group.json().get("members")).hasSize(2);
    assertThat(postOrdinary(g).status()).isEqualTo(201);
    assertThat(bodies(g, g.member())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  @Test
  void methodOverrideDoesNotTurnAGetIntoAGroupCreation() {
    Group g = group();
    byte[] body = "{\"name\":\"sneaky\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (String header : OVERRIDES) {
      Reply reply =
          api.sendBytes("GET", "/v1/groups", g.owner().token(), body, Map.of(header, "POST"));
      assertThat(reply.status()).as(header).isEqualTo(200);
    }
    api.sendBytes("GET", "/v1/groups?_method=POST", g.owner().token(), body, Map.of());

    Reply groups = api.get("/v1/groups", g.owner().token());
    assertThat(groups.json().get("groups")).hasSize(1);
    assertThat(groups.json().get("groups").get(0).get("name").asText()).isEqualTo("inner circle");
  }

  @Test
  void aCorrectlySignedTokenWithAnAbsurdExpiryIsUnauthenticatedAndTheRealTokenStillWorks() {
    Group g = group();
    for (String expiry : HostileInput.ABSURD_EXPIRIES) {
      String token = HostileInput.signedToken(KEY, g.owner().userId(), expiry);

      assertProblem(api.get("/v1/me", token), 401, "unauthenticated", expiry);
      assertProblem(
          api.post(messages(g), token, "{\"body\":\"forged\"}"), 401, "unauthenticated", expiry);
    }
    assertThat(api.get("/v1/me", g.owner().token()).status()).isEqualTo(200);
    assertThat(postOrdinary(g).status()).isEqualTo(201);
    assertThat(bodies(g, g.owner())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  private static String messages(Group g) {
    return "/v1/groups/" + g.groupId() + "/messages";
  }

  private static Reply postOrdinary(Group g) {
    return api.post(
        messages(g), g.owner().token(), "{\"body\":\"" + HostileInput.ORDINARY_BODY_JSON + "\"}");
  }

  private static List<String> bodies(Group g, Account reader) {
    Reply history = api.get(messages(g), reader.token());
    assertThat(history.status()).isEqualTo(200);
    List<String> bodies = new ArrayList<>();
    history.json().get("messages").forEach(m -> bodies.add(m.get("body").asText()));
    return bodies;
  }

  private static void assertProblem(Reply reply, int status, String code, String attack) {
    assertThat(reply.status()).as(attack + ": " + reply.text()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.code()).as(attack).isEqualTo(code);
  }
}
