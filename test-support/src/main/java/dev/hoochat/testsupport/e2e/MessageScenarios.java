package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of messages over HTTP: posting and reading history ({@code mine}), bodies
 * and client ids checked, the window of the 100 newest ({@code after}, {@code gap}), a repeated
 * client id stored and delivered once.
 */
interface MessageScenarios extends ChatScenarios {
  @Test
  default void membersReadEachOthersMessagesButOnlyTheSenderSeesMine() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));

    Reply posted = postMessage(alice, groupId, "hi all", null);
    assertThat(posted.status()).isEqualTo(201);
    assertThat(posted.json().get("seq").asLong()).isEqualTo(1);
    assertThat(posted.json().get("messageId").asText()).isNotBlank();
    assertThat(posted.json().get("sentAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    post(bob, groupId, "hello alice");

    JsonNode asBob = history(bob, groupId, "");
    assertThat(asBob.get("messages").findValuesAsText("body"))
        .containsExactly("hi all", "hello alice");
    assertThat(asBob.get("messages").findValuesAsText("mine")).containsExactly("false", "true");
    assertThat(asBob.get("oldestSeq").asLong()).isEqualTo(1);
    assertThat(asBob.get("latestSeq").asLong()).isEqualTo(2);
    assertThat(asBob.get("gap").asBoolean()).isFalse();
    JsonNode asAlice = history(alice, groupId, "");
    assertThat(asAlice.get("messages").findValuesAsText("mine")).containsExactly("true", "false");
    JsonNode first = asAlice.get("messages").get(0);
    assertThat(first.get("messageId").asText()).isEqualTo(posted.json().get("messageId").asText());
    assertThat(first.get("sentAt").asText()).isEqualTo(posted.json().get("sentAt").asText());
    Set<String> fields = new HashSet<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder("messageId", "seq", "body", "sentAt", "mine");
  }

  @Test
  default void messageBodiesAndClientIdsAreChecked() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());

    assertProblem(postMessage(alice, groupId, "   ", null), 400, "invalid_body");
    assertProblem(postMessage(alice, groupId, "x".repeat(2001), null), 400, "invalid_body");
    assertProblem(
        api().post("/v1/groups/" + groupId + "/messages", alice.token(), "{}"),
        400,
        "invalid_body");
    assertProblem(postMessage(alice, groupId, "ok", "has space"), 400, "invalid_client_message_id");
    assertProblem(
        postMessage(alice, groupId, "ok", "x".repeat(65)), 400, "invalid_client_message_id");
    assertThat(postMessage(alice, groupId, "é".repeat(2000), null).status()).isEqualTo(201);
    assertThat(history(alice, groupId, "").get("messages")).hasSize(1);
  }

  @Test
  default void aGroupKeepsOnlyItsHundredNewestMessages() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "chatty", List.of());
    for (int i = 1; i <= 105; i++) {
      assertThat(post(alice, groupId, "message " + i)).isEqualTo(i);
    }

    JsonNode all = history(alice, groupId, "");
    assertThat(seqs(all.get("messages"))).hasSize(100).startsWith(6L).endsWith(105L).isSorted();
    assertThat(all.get("messages").get(0).get("body").asText()).isEqualTo("message 6");
    assertThat(all.get("oldestSeq").asLong()).isEqualTo(6);
    assertThat(all.get("latestSeq").asLong()).isEqualTo(105);
    assertThat(all.get("gap").asBoolean()).isFalse();

    JsonNode missedSome = history(alice, groupId, "?after=3");
    assertThat(missedSome.get("gap").asBoolean()).isTrue();
    assertThat(seqs(missedSome.get("messages"))).hasSize(100).startsWith(6L);

    JsonNode caughtUp = history(alice, groupId, "?after=5");
    assertThat(caughtUp.get("gap").asBoolean()).isFalse();
    assertThat(seqs(caughtUp.get("messages"))).hasSize(100);

    JsonNode recent = history(alice, groupId, "?after=100");
    assertThat(seqs(recent.get("messages"))).containsExactly(101L, 102L, 103L, 104L, 105L);
    assertThat(recent.get("gap").asBoolean()).isFalse();

    assertThat(history(alice, groupId, "?after=105").get("messages")).isEmpty();
    assertProblem(
        api().get("/v1/groups/" + groupId + "/messages?after=-1", alice.token()),
        400,
        "invalid_after");
    assertProblem(
        api().get("/v1/groups/" + groupId + "/messages?after=abc", alice.token()),
        400,
        "invalid_after");
  }

  @Test
  default void aRepeatedClientMessageIdStoresAndDeliversTheMessageOnce() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    try (ChatSocket bobSocket = api().connect(bob.token())) {
      Reply first = postMessage(alice, groupId, "only once", "c-1");
      Reply again = postMessage(alice, groupId, "only once", "c-1");
      Reply fromBob = postMessage(bob, groupId, "mine too", "c-1");

      assertThat(first.status()).isEqualTo(201);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json()).isEqualTo(first.json());
      assertThat(fromBob.status()).isEqualTo(201);
      assertThat(fromBob.json().get("seq").asLong()).isEqualTo(2);
      assertThat(seqs(history(alice, groupId, "").get("messages"))).containsExactly(1L, 2L);
      List<JsonNode> delivered = bobSocket.awaitMessages(groupId, 2, WAIT);
      assertThat(delivered.stream().map(m -> m.get("seq").asLong())).containsExactly(1L, 2L);
    }
  }
}
