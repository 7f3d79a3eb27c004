package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Javalin routes by {@code X-HTTP-Method-Override} when it is there: a {@code POST} carrying {@code
 * DELETE} removed a member, a {@code GET} carrying {@code POST} created a group. A request is now
 * routed by its request line alone; the override headers (and {@code ?_method=}) are ignored.
 */
class MethodOverrideTest {

  @Test
  void anOverrideHeaderDoesNotTurnAPostIntoADelete() {
    try (StandaloneDeployment deployment = start()) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("override_a", "correct horse");
      Account bob = api.signUp("override_b", "correct horse");
      String groupId = group(api, alice, bob);
      String member = "/v1/groups/" + groupId + "/members/" + bob.userId();

      for (String header :
          new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
        Reply reply = api.sendBytes("POST", member, alice.token(), null, Map.of(header, "DELETE"));
        assertThat(reply.status()).as(header).isEqualTo(405);
        assertThat(reply.code()).isEqualTo("method_not_allowed");
      }
      Reply query = api.post(member + "?_method=DELETE", alice.token(), null);
      assertThat(query.status()).isEqualTo(405);

      JsonNode members = api.get("/v1/groups/" + groupId, alice.token()).json().get("members");
      assertThat(members.findValuesAsText("handle")).contains(bob.handle());
      OrdinaryClient.isServed(deployment.baseUri());
    }
  }

  @Test
  void anOverrideHeaderDoesNotTurnAGetIntoAPost() {
    try (StandaloneDeployment deployment = start()) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("override_c", "correct horse");
      byte[] body = "{\"name\":\"sneaky\"}".getBytes(StandardCharsets.UTF_8);

      Reply reply =
          api.sendBytes(
              "GET", "/v1/groups", alice.token(), body, Map.of("X-HTTP-Method-Override", "POST"));
      Reply viaQuery =
          api.sendBytes("GET", "/v1/groups?_method=POST", alice.token(), body, Map.of());

      assertThat(reply.status()).as("answered as the plain GET").isEqualTo(200);
      assertThat(reply.json().get("groups")).isEmpty();
      assertThat(viaQuery.status()).isEqualTo(200);
      assertThat(api.get("/v1/groups", alice.token()).json().get("groups"))
          .as("no group created")
          .isEmpty();
      OrdinaryClient.isServed(deployment.baseUri());
    }
  }

  private static StandaloneDeployment start() {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder().passwordIterations(1_000).build());
  }

  private static String group(ChatClient api, Account owner, Account member) {
    Reply created =
        api.post(
            "/v1/groups",
            owner.token(),
            "{\"name\":\"g\",\"members\":[\"" + member.handle() + "\"]}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("groupId").asText();
  }
}
