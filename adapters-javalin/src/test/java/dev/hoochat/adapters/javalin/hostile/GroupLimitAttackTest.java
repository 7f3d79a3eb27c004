package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.application.assembly.ChatSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client: one user founds groups without end, and others pile a victim into groups. With
 * small limits (5 owned, 7 joined) the next one is refused with 422 and the limit's code, while
 * other users create and add as usual, and a non-owner learns nothing new.
 */
class GroupLimitAttackTest {
  private StandaloneDeployment server;
  private ChatClient api;

  @BeforeEach
  void start() {
    server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .passwordIterations(1_000)
                .postsPerMinute(0)
                .limits(ChatSettings.Limits.DEFAULT.withGroups(5, 7))
                .build());
    api = new ChatClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void foundingGroupsStopsAtTheOwnedLimitForThatUserOnly() {
    Account mallory = api.signUp("mallory", "correct horse");
    Account alice = api.signUp("alice", "correct horse");
    List<Integer> statuses = new ArrayList<>();
    Reply refused = null;
    for (int i = 0; i < 20; i++) {
      Reply reply = api.post("/v1/groups", mallory.token(), "{\"name\":\"spam " + i + "\"}");
      statuses.add(reply.status());
      if (reply.status() != 201) {
        refused = reply;
      }
    }

    assertThat(statuses.subList(0, 5)).containsOnly(201);
    assertThat(statuses.subList(5, 20)).containsOnly(422);
    assertThat(refused.code()).isEqualTo("owned_group_limit");
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/v1/groups", mallory.token()).json().get("groups")).hasSize(5);
    assertThat(api.post("/v1/groups", alice.token(), "{\"name\":\"mine\"}").status())
        .isEqualTo(201);
  }

  @Test
  void aVictimCannotBePiledIntoMoreGroupsThanTheJoinedLimit() {
    Account victim = api.signUp("victim", "correct horse");
    List<Integer> statuses = new ArrayList<>();
    Reply refused = null;
    for (int i = 0; i < 3; i++) {
      Account owner = api.signUp("piler_" + i, "correct horse");
      Account bystander = api.signUp("bystander_" + i, "correct horse"); // in four groups
      for (int g = 0; g < 4; g++) {
        Reply created =
            api.post(
                "/v1/groups",
                owner.token(),
                "{\"name\":\"pile\",\"members\":[\"" + bystander.handle() + "\"]}");
        assertThat(created.status()).isEqualTo(201);
        String groupId = created.json().get("groupId").asText();
        Reply added =
            api.post(
                "/v1/groups/" + groupId + "/members", owner.token(), "{\"handle\":\"victim\"}");
        statuses.add(added.status());
        if (added.status() != 200) {
          refused = added;
          // a member who is not the owner gets the answer they always got
          Reply byMember =
              api.post(
                  "/v1/groups/" + groupId + "/members",
                  bystander.token(),
                  "{\"handle\":\"victim\"}");
          assertThat(byMember.status()).isEqualTo(403);
          assertThat(byMember.code()).isEqualTo("not_owner");
        }
      }
    }

    assertThat(statuses.subList(0, 7)).containsOnly(200);
    assertThat(statuses.subList(7, 12)).containsOnly(422);
    assertThat(refused.code()).isEqualTo("joined_group_limit");
    assertThat(refused.json().get("detail").asText()).doesNotContain("7");
    assertThat(api.get("/v1/groups", victim.token()).json().get("groups")).hasSize(7);
  }
}
