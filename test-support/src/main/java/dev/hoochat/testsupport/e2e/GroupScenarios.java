package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of groups: creating one, who can see it, members added, leaving and removed,
 * ownership handed over, the last member leaving, the cap of 256 members (an invite included).
 */
interface GroupScenarios extends ChatScenarios {
  @Test
  default void theCreatorOwnsTheGroupAndEveryoneSeesItsMembers() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");

    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", "inner circle");
    body.putArray("members").add(bob.handle()).add(carol.handle().toUpperCase());
    Reply created = api().post("/v1/groups", alice.token(), body.toString());

    assertThat(created.status()).isEqualTo(201);
    JsonNode group = created.json();
    assertThat(group.get("name").asText()).isEqualTo("inner circle");
    assertThat(group.get("ownerId").asText()).isEqualTo(alice.userId());
    assertThat(group.get("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(group.get("members").findValuesAsText("handle"))
        .containsExactly(alice.handle(), bob.handle(), carol.handle());
    assertThat(group.get("members").findValuesAsText("userId"))
        .containsExactly(alice.userId(), bob.userId(), carol.userId());

    String groupId = group.get("groupId").asText();
    Reply asBob = api().get("/v1/groups/" + groupId, bob.token());
    assertThat(asBob.status()).isEqualTo(200);
    assertThat(asBob.json().get("members").findValuesAsText("handle"))
        .containsExactly(alice.handle(), bob.handle(), carol.handle());
    Reply list = api().get("/v1/groups", carol.token());
    assertThat(list.json().get("groups")).hasSize(1);
    assertThat(list.json().get("groups").get(0).get("groupId").asText()).isEqualTo(groupId);
    assertThat(list.json().get("groups").get(0).get("name").asText()).isEqualTo("inner circle");
    assertThat(list.json().get("groups").get(0).get("memberCount").asInt()).isEqualTo(3);
    assertThat(api().get("/v1/me", bob.token()).json().get("groups").findValuesAsText("groupId"))
        .containsExactly(groupId);
  }

  @Test
  default void groupNamesAreCheckedAndUnknownMembersNamed() {
    Account alice = user("alice");

    assertProblem(
        api().post("/v1/groups", alice.token(), "{\"name\":\"   \"}"), 400, "invalid_name");
    assertProblem(
        api().post("/v1/groups", alice.token(), ChatClient.json("name", "x".repeat(65)).toString()),
        400,
        "invalid_name");
    assertProblem(api().post("/v1/groups", alice.token(), "{}"), 400, "invalid_name");
    String ghost = handle("ghost");
    Reply unknown =
        api().post("/v1/groups", alice.token(), "{\"name\":\"g\",\"members\":[\"" + ghost + "\"]}");
    assertProblem(unknown, 404, "unknown_handle");
    assertThat(unknown.json().get("detail").asText()).contains(ghost);
    assertThat(api().get("/v1/groups", alice.token()).json().get("groups")).isEmpty();
  }

  @Test
  default void outsidersCannotTellAGroupExists() {
    Account alice = user("alice");
    Account eve = user("eve");
    String groupId = createGroup(alice, "secret", List.of());
    post(alice, groupId, "hello");

    assertProblem(api().get("/v1/groups/" + groupId, eve.token()), 404, "group_not_found");
    assertProblem(
        api().get("/v1/groups/" + groupId + "/messages", eve.token()), 404, "group_not_found");
    assertProblem(postMessage(eve, groupId, "let me in", null), 404, "group_not_found");
    assertProblem(
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                eve.token(),
                ChatClient.json("handle", eve.handle()).toString()),
        404,
        "group_not_found");
    assertProblem(api().get("/v1/groups/no-such-group", alice.token()), 404, "group_not_found");
    assertProblem(api().get("/v1/groups/bad%20id", alice.token()), 404, "group_not_found");
    assertThat(history(alice, groupId, "").get("messages")).hasSize(1);
  }

  @Test
  default void onlyTheOwnerAddsMembersAndNobodyIsAddedTwice() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account dave = user("dave");
    String groupId = createGroup(alice, "g", List.of(bob));

    assertProblem(
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                bob.token(),
                ChatClient.json("handle", dave.handle()).toString()),
        403,
        "not_owner");
    assertProblem(
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                alice.token(),
                ChatClient.json("handle", bob.handle()).toString()),
        409,
        "already_member");
    assertProblem(
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                alice.token(),
                ChatClient.json("handle", handle("ghost")).toString()),
        404,
        "unknown_handle");
    assertThat(api().get("/v1/groups/" + groupId, alice.token()).json().get("members")).hasSize(2);

    Reply added =
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                alice.token(),
                ChatClient.json("handle", dave.handle()).toString());
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.json().get("members").findValuesAsText("handle"))
        .containsExactly(alice.handle(), bob.handle(), dave.handle());
    assertThat(api().get("/v1/groups/" + groupId, dave.token()).status()).isEqualTo(200);
  }

  @Test
  default void membersLeaveTheOwnerRemovesAnyoneAndOthersRemoveNobody() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");
    String groupId = createGroup(alice, "g", List.of(bob, carol));

    assertProblem(
        api().delete("/v1/groups/" + groupId + "/members/" + carol.userId(), bob.token()),
        403,
        "not_owner");
    assertThat(
            api()
                .delete("/v1/groups/" + groupId + "/members/" + bob.userId(), bob.token())
                .status())
        .isEqualTo(204);
    assertProblem(api().get("/v1/groups/" + groupId, bob.token()), 404, "group_not_found");
    assertProblem(
        api().delete("/v1/groups/" + groupId + "/members/" + bob.userId(), alice.token()),
        404,
        "member_not_found");
    assertProblem(
        api().delete("/v1/groups/" + groupId + "/members/not-a-user", alice.token()),
        404,
        "member_not_found");
    assertThat(
            api()
                .delete("/v1/groups/" + groupId + "/members/" + carol.userId(), alice.token())
                .status())
        .isEqualTo(204);
    assertThat(
            api()
                .get("/v1/groups/" + groupId, alice.token())
                .json()
                .get("members")
                .findValuesAsText("userId"))
        .containsExactly(alice.userId());
  }

  @Test
  default void anOwnerWhoLeavesHandsTheGroupToTheLongestStandingMember() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");
    String groupId = createGroup(alice, "g", List.of(bob));
    api()
        .post(
            "/v1/groups/" + groupId + "/members",
            alice.token(),
            ChatClient.json("handle", carol.handle()).toString());

    assertThat(
            api()
                .delete("/v1/groups/" + groupId + "/members/" + alice.userId(), alice.token())
                .status())
        .isEqualTo(204);

    JsonNode group = api().get("/v1/groups/" + groupId, carol.token()).json();
    assertThat(group.get("ownerId").asText()).isEqualTo(bob.userId());
    Reply bobAdds =
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                bob.token(),
                ChatClient.json("handle", alice.handle()).toString());
    assertThat(bobAdds.status()).isEqualTo(200);
  }

  @Test
  default void whenTheLastMemberLeavesTheGroupAndItsMessagesAreGone() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "solo", List.of());
    post(alice, groupId, "note to self");

    assertThat(
            api()
                .delete("/v1/groups/" + groupId + "/members/" + alice.userId(), alice.token())
                .status())
        .isEqualTo(204);

    assertProblem(api().get("/v1/groups/" + groupId, alice.token()), 404, "group_not_found");
    assertProblem(
        api().get("/v1/groups/" + groupId + "/messages", alice.token()), 404, "group_not_found");
    assertThat(api().get("/v1/groups", alice.token()).json().get("groups")).isEmpty();
  }

  @Test
  default void aGroupTakesAtMostTwoHundredFiftySixMembers() {
    Account owner = user("owner");
    List<Account> others = users("m", 255);
    Account late = user("late");

    List<Account> tooMany = new ArrayList<>(others);
    tooMany.add(late);
    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", "crowd");
    ArrayNode handles = body.putArray("members");
    tooMany.forEach(m -> handles.add(m.handle()));
    assertProblem(api().post("/v1/groups", owner.token(), body.toString()), 422, "group_full");

    String groupId = createGroup(owner, "crowd", others);
    Reply full =
        api()
            .post(
                "/v1/groups/" + groupId + "/members",
                owner.token(),
                ChatClient.json("handle", late.handle()).toString());
    assertProblem(full, 422, "group_full");
    // An invite takes nobody into a full group either, and its use is not spent.
    Reply invite = api().post("/v1/groups/" + groupId + "/invites", owner.token(), "{}");
    assertThat(invite.status()).as(invite.text()).isEqualTo(201);
    String code = invite.json().get("code").asText();
    assertProblem(api().post("/v1/invites/" + code, late.token(), null), 422, "group_full");
    assertThat(
            api()
                .get("/v1/groups/" + groupId + "/invites", owner.token())
                .json()
                .get("invites")
                .get(0)
                .get("uses")
                .asInt())
        .isZero();
    assertThat(api().get("/v1/groups/" + groupId, owner.token()).json().get("members"))
        .hasSize(256);
  }
}
