package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of users and sessions: signing up, signing in, handles and passwords, and
 * which tokens open the API and the WebSocket.
 */
interface AccountScenarios extends ChatScenarios {
  @Test
  default void signUpAnswersAUserWithATokenThatOpensTheApi() {
    String handle = handle("alice");
    Reply reply =
        api()
            .post(
                "/v1/users",
                null,
                ChatClient.json("handle", handle, "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().get("handle").asText()).isEqualTo(handle);
    assertThat(reply.json().get("userId").asText()).isNotBlank();
    Reply me = api().get("/v1/me", reply.json().get("token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("userId").asText()).isEqualTo(reply.json().get("userId").asText());
    assertThat(me.json().get("handle").asText()).isEqualTo(handle);
    assertThat(me.json().get("groups")).isEmpty();
  }

  @Test
  default void handlesAreStoredLowerCase() {
    String handle = handle("MiXeD").toUpperCase();
    Reply reply =
        api()
            .post(
                "/v1/users",
                null,
                ChatClient.json("handle", handle, "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().get("handle").asText()).isEqualTo(handle.toLowerCase());
    Reply again =
        api()
            .post(
                "/v1/users",
                null,
                ChatClient.json("handle", handle.toLowerCase(), "password", PASSWORD).toString());
    assertProblem(again, 409, "handle_taken");
  }

  @Test
  default void signInAnswersTheSameUserWithAWorkingToken() {
    Account alice = user("alice");

    Reply reply =
        api()
            .post(
                "/v1/sessions",
                null,
                ChatClient.json("handle", alice.handle(), "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("userId").asText()).isEqualTo(alice.userId());
    assertThat(api().get("/v1/me", reply.json().get("token").asText()).status()).isEqualTo(200);
  }

  @Test
  default void aTakenHandleIsRefusedAndTheFirstOwnerKeepsIt() {
    Account alice = user("alice");

    Reply reply =
        api()
            .post(
                "/v1/users",
                null,
                ChatClient.json("handle", alice.handle(), "password", "another password")
                    .toString());

    assertProblem(reply, 409, "handle_taken");
    Reply signIn =
        api()
            .post(
                "/v1/sessions",
                null,
                ChatClient.json("handle", alice.handle(), "password", PASSWORD).toString());
    assertThat(signIn.json().get("userId").asText()).isEqualTo(alice.userId());
  }

  @Test
  default void wrongPasswordAndUnknownHandleGetTheSameAnswer() {
    Account alice = user("alice");

    Reply wrong =
        api()
            .post(
                "/v1/sessions",
                null,
                ChatClient.json("handle", alice.handle(), "password", "not the password")
                    .toString());
    Reply unknown =
        api()
            .post(
                "/v1/sessions",
                null,
                ChatClient.json("handle", handle("nobody"), "password", PASSWORD).toString());

    assertProblem(wrong, 401, "invalid_credentials");
    assertProblem(unknown, 401, "invalid_credentials");
    assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
  }

  @Test
  default void invalidHandlesAndPasswordsAreRefused() {
    for (String bad : List.of("ab", "x".repeat(33), "has space", "émile", "semi;colon", "")) {
      assertProblem(
          api()
              .post(
                  "/v1/users",
                  null,
                  ChatClient.json("handle", bad, "password", PASSWORD).toString()),
          400,
          "invalid_handle");
    }
    assertProblem(
        api().post("/v1/users", null, "{\"password\":\"correct horse\"}"), 400, "invalid_handle");
    for (String bad : List.of("short", "x".repeat(129), "")) {
      assertProblem(
          api()
              .post(
                  "/v1/users",
                  null,
                  ChatClient.json("handle", handle("bob"), "password", bad).toString()),
          400,
          "invalid_password");
    }
  }

  @Test
  default void missingMalformedAndTamperedTokensAreUnauthenticated() {
    Account alice = user("alice");
    String tampered =
        alice.token().substring(0, alice.token().length() - 2)
            + (alice.token().endsWith("A") ? "BB" : "AA");
    String forgedUser = alice.token().replace(alice.userId(), "someoneElse");

    assertProblem(api().get("/v1/me", null), 401, "unauthenticated");
    assertProblem(api().get("/v1/me", "not-a-token"), 401, "unauthenticated");
    assertProblem(api().get("/v1/me", tampered), 401, "unauthenticated");
    assertProblem(api().get("/v1/me", forgedUser), 401, "unauthenticated");
    assertProblem(api().get("/v1/groups", ""), 401, "unauthenticated");
    Reply basic =
        api().sendBytes("GET", "/v1/me", null, null, Map.of("Authorization", "Basic YWxpY2U6cHc="));
    assertProblem(basic, 401, "unauthenticated");
  }

  @Test
  default void aWebSocketWithABadTokenIsRefusedBeforeItOpens() {
    assertThatThrownBy(() -> api().connect("not-a-token"))
        .isInstanceOf(ChatClient.ConnectRefused.class);
  }
}
