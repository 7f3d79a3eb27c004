package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.wiring.CacheChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store goes away mid-chat and comes back: writes answer {@code 503 unavailable} with nothing
 * half written, reads that the cache can answer still succeed, and service resumes without a
 * restart.
 */
class DynamoDbOutageEndToEndTest {

  @Test
  void writesAnswerUnavailableWhileTheStoreIsDownAndNothingIsHalfWritten() {
    try (DynaliteLauncher dynalite = DynaliteLauncher.startOwn();
        StandaloneDeployment deployment =
            StandaloneDeployment.start(
                DynaliteTables.serverOn(dynalite.endpoint()).cache(CacheChoice.MEMORY).build())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("outage_alice", "correct horse");
      Account bob = api.signUp("outage_bob", "correct horse");
      Reply created =
          api.post(
              "/v1/groups",
              alice.token(),
              "{\"name\":\"g\",\"members\":[\"" + bob.handle() + "\"]}");
      String groupId = created.json().get("groupId").asText();
      String messages = "/v1/groups/" + groupId + "/messages";
      for (int i = 1; i <= 3; i++) {
        assertThat(api.post(messages, alice.token(), "{\"body\":\"before " + i + "\"}").status())
            .isEqualTo(201);
      }
      assertThat(api.get(messages, bob.token()).status()).isEqualTo(200);

      dynalite.stop();

      List<Reply> refused = new ArrayList<>();
      refused.add(
          api.post(messages, alice.token(), "{\"body\":\"during\",\"clientMessageId\":\"d-1\"}"));
      refused.add(
          api.post(
              "/v1/users", null, "{\"handle\":\"outage_carol\",\"password\":\"correct horse\"}"));
      refused.add(api.post("/v1/groups", alice.token(), "{\"name\":\"new\"}"));
      refused.add(api.delete("/v1/groups/" + groupId + "/members/" + bob.userId(), alice.token()));
      for (Reply reply : refused) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("unavailable");
        assertThat(reply.contentType()).startsWith("application/problem+json");
      }
      Reply cachedRead = api.get(messages, bob.token());
      assertThat(cachedRead.status()).as("history is served from the cache").isEqualTo(200);
      assertThat(cachedRead.json().get("messages")).hasSize(3);

      dynalite.restart();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api.get("/v1/groups/" + groupId, bob.token()).status() == 200);
      Reply retried =
          api.post(messages, alice.token(), "{\"body\":\"during\",\"clientMessageId\":\"d-1\"}");
      assertThat(retried.status())
          .as("the refused post was not stored: its retry is new")
          .isEqualTo(201);
      JsonNode history = api.get(messages, bob.token()).json();
      assertThat(history.get("messages").findValuesAsText("body"))
          .containsExactly("before 1", "before 2", "before 3", "during");
      assertThat(history.get("latestSeq").asLong()).isEqualTo(4);
      assertThat(api.get("/v1/groups/" + groupId, bob.token()).json().get("members")).hasSize(2);
      assertThat(
              api.post(
                      "/v1/users",
                      null,
                      "{\"handle\":\"outage_carol\",\"password\":\"correct horse\"}")
                  .status())
          .isEqualTo(201);
      assertThat(api.get("/v1/groups", alice.token()).json().get("groups")).hasSize(1);
    }
  }
}
