package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoochat.testsupport.e2e.ChatClient.Account;
import dev.hoochat.testsupport.e2e.ChatClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API.md as a user's app meets it, run against a real deployment over real HTTP and WebSocket
 * clients. Every runtime and every combination of store and cache extends this class unchanged; the
 * deployment must have the posting limit off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChatEndToEndSuite {
  protected static final String PASSWORD = "correct horse";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger HANDLES = new AtomicInteger();

  private LogCapture logs;
  private ChatDeployment deployment;
  protected ChatClient api;

  /** Starts the deployment under test, with the posting limit off. */
  protected abstract ChatDeployment deploy();

  @BeforeAll
  void deployOnce() {
    logs = LogCapture.start();
    deployment = deploy();
    api = new ChatClient(deployment.baseUri());
  }

  @AfterAll
  void tearDown() {
    if (deployment != null) {
      deployment.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  protected ChatDeployment deployment() {
    return deployment;
  }

  // ---------------------------------------------------------------- helpers

  /** A fresh, valid, unique handle. */
  protected static String handle(String prefix) {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    return (prefix + HANDLES.incrementAndGet() + "_" + suffix).toLowerCase();
  }

  protected Account user(String prefix) {
    return api.signUp(handle(prefix), PASSWORD);
  }

  protected List<Account> users(String prefix, int count) {
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accounts.add(user(prefix));
    }
    return accounts;
  }

  protected String createGroup(Account owner, String name, List<Account> members) {
    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", name);
    ArrayNode handles = body.putArray("members");
    members.forEach(m -> handles.add(m.handle()));
    Reply reply = api.post("/v1/groups", owner.token(), body.toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("groupId").asText();
  }

  protected Reply postMessage(Account sender, String groupId, String body, String clientMessageId) {
    ObjectNode json = ChatClient.JSON.createObjectNode().put("body", body);
    if (clientMessageId != null) {
      json.put("clientMessageId", clientMessageId);
    }
    return api.post("/v1/groups/" + groupId + "/messages", sender.token(), json.toString());
  }

  protected long post(Account sender, String groupId, String body) {
    Reply reply = postMessage(sender, groupId, body, null);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("seq").asLong();
  }

  protected JsonNode history(Account reader, String groupId, String query) {
    Reply reply = api.get("/v1/groups/" + groupId + "/messages" + query, reader.token());
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json();
  }

  private static List<Long> seqs(JsonNode messages) {
    List<Long> seqs = new ArrayList<>();
    messages.forEach(m -> seqs.add(m.get("seq").asLong()));
    return seqs;
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("title").asText()).isNotBlank();
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.json().get("detail").asText()).isNotBlank();
  }

  private void assertStillServing() {
    Reply health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
  }

  // ---------------------------------------------------------------- users and sessions

  @Test
  void signUpAnswersAUserWithATokenThatOpensTheApi() {
    String handle = handle("alice");
    Reply reply =
        api.post(
            "/v1/users", null, ChatClient.json("handle", handle, "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().get("handle").asText()).isEqualTo(handle);
    assertThat(reply.json().get("userId").asText()).isNotBlank();
    Reply me = api.get("/v1/me", reply.json().get("token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("userId").asText()).isEqualTo(reply.json().get("userId").asText());
    assertThat(me.json().get("handle").asText()).isEqualTo(handle);
    assertThat(me.json().get("groups")).isEmpty();
  }

  @Test
  void handlesAreStoredLowerCase() {
    String handle = handle("MiXeD").toUpperCase();
    Reply reply =
        api.post(
            "/v1/users", null, ChatClient.json("handle", handle, "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().get("handle").asText()).isEqualTo(handle.toLowerCase());
    Reply again =
        api.post(
            "/v1/users",
            null,
            ChatClient.json("handle", handle.toLowerCase(), "password", PASSWORD).toString());
    assertProblem(again, 409, "handle_taken");
  }

  @Test
  void signInAnswersTheSameUserWithAWorkingToken() {
    Account alice = user("alice");

    Reply reply =
        api.post(
            "/v1/sessions",
            null,
            ChatClient.json("handle", alice.handle(), "password", PASSWORD).toString());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("userId").asText()).isEqualTo(alice.userId());
    assertThat(api.get("/v1/me", reply.json().get("token").asText()).status()).isEqualTo(200);
  }

  @Test
  void aTakenHandleIsRefusedAndTheFirstOwnerKeepsIt() {
    Account alice = user("alice");

    Reply reply =
        api.post(
            "/v1/users",
            null,
            ChatClient.json("handle", alice.handle(), "password", "another password").toString());

    assertProblem(reply, 409, "handle_taken");
    Reply signIn =
        api.post(
            "/v1/sessions",
            null,
            ChatClient.json("handle", alice.handle(), "password", PASSWORD).toString());
    assertThat(signIn.json().get("userId").asText()).isEqualTo(alice.userId());
  }

  @Test
  void wrongPasswordAndUnknownHandleGetTheSameAnswer() {
    Account alice = user("alice");

    Reply wrong =
        api.post(
            "/v1/sessions",
            null,
            ChatClient.json("handle", alice.handle(), "password", "not the password").toString());
    Reply unknown =
        api.post(
            "/v1/sessions",
            null,
            ChatClient.json("handle", handle("nobody"), "password", PASSWORD).toString());

    assertProblem(wrong, 401, "invalid_credentials");
    assertProblem(unknown, 401, "invalid_credentials");
    assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
  }

  @Test
  void invalidHandlesAndPasswordsAreRefused() {
    for (String bad : List.of("ab", "x".repeat(33), "has space", "émile", "semi;colon", "")) {
      assertProblem(
          api.post(
              "/v1/users", null, ChatClient.json("handle", bad, "password", PASSWORD).toString()),
          400,
          "invalid_handle");
    }
    assertProblem(
        api.post("/v1/users", null, "{\"password\":\"correct horse\"}"), 400, "invalid_handle");
    for (String bad : List.of("short", "x".repeat(129), "")) {
      assertProblem(
          api.post(
              "/v1/users",
              null,
              ChatClient.json("handle", handle("bob"), "password", bad).toString()),
          400,
          "invalid_password");
    }
  }

  @Test
  void missingMalformedAndTamperedTokensAreUnauthenticated() {
    Account alice = user("alice");
    String tampered =
        alice.token().substring(0, alice.token().length() - 2)
            + (alice.token().endsWith("A") ? "BB" : "AA");
    String forgedUser = alice.token().replace(alice.userId(), "someoneElse");

    assertProblem(api.get("/v1/me", null), 401, "unauthenticated");
    assertProblem(api.get("/v1/me", "not-a-token"), 401, "unauthenticated");
    assertProblem(api.get("/v1/me", tampered), 401, "unauthenticated");
    assertProblem(api.get("/v1/me", forgedUser), 401, "unauthenticated");
    assertProblem(api.get("/v1/groups", ""), 401, "unauthenticated");
    Reply basic =
        api.sendBytes("GET", "/v1/me", null, null, Map.of("Authorization", "Basic YWxpY2U6cHc="));
    assertProblem(basic, 401, "unauthenticated");
  }

  @Test
  void aWebSocketWithABadTokenIsRefusedBeforeItOpens() {
    assertThatThrownBy(() -> api.connect("not-a-token"))
        .isInstanceOf(ChatClient.ConnectRefused.class);
  }

  // ---------------------------------------------------------------- groups

  @Test
  void theCreatorOwnsTheGroupAndEveryoneSeesItsMembers() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");

    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", "inner circle");
    body.putArray("members").add(bob.handle()).add(carol.handle().toUpperCase());
    Reply created = api.post("/v1/groups", alice.token(), body.toString());

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
    Reply asBob = api.get("/v1/groups/" + groupId, bob.token());
    assertThat(asBob.status()).isEqualTo(200);
    assertThat(asBob.json().get("members").findValuesAsText("handle"))
        .containsExactly(alice.handle(), bob.handle(), carol.handle());
    Reply list = api.get("/v1/groups", carol.token());
    assertThat(list.json().get("groups")).hasSize(1);
    assertThat(list.json().get("groups").get(0).get("groupId").asText()).isEqualTo(groupId);
    assertThat(list.json().get("groups").get(0).get("name").asText()).isEqualTo("inner circle");
    assertThat(list.json().get("groups").get(0).get("memberCount").asInt()).isEqualTo(3);
    assertThat(api.get("/v1/me", bob.token()).json().get("groups").findValuesAsText("groupId"))
        .containsExactly(groupId);
  }

  @Test
  void groupNamesAreCheckedAndUnknownMembersNamed() {
    Account alice = user("alice");

    assertProblem(api.post("/v1/groups", alice.token(), "{\"name\":\"   \"}"), 400, "invalid_name");
    assertProblem(
        api.post("/v1/groups", alice.token(), ChatClient.json("name", "x".repeat(65)).toString()),
        400,
        "invalid_name");
    assertProblem(api.post("/v1/groups", alice.token(), "{}"), 400, "invalid_name");
    String ghost = handle("ghost");
    Reply unknown =
        api.post("/v1/groups", alice.token(), "{\"name\":\"g\",\"members\":[\"" + ghost + "\"]}");
    assertProblem(unknown, 404, "unknown_handle");
    assertThat(unknown.json().get("detail").asText()).contains(ghost);
    assertThat(api.get("/v1/groups", alice.token()).json().get("groups")).isEmpty();
  }

  @Test
  void outsidersCannotTellAGroupExists() {
    Account alice = user("alice");
    Account eve = user("eve");
    String groupId = createGroup(alice, "secret", List.of());
    post(alice, groupId, "hello");

    assertProblem(api.get("/v1/groups/" + groupId, eve.token()), 404, "group_not_found");
    assertProblem(
        api.get("/v1/groups/" + groupId + "/messages", eve.token()), 404, "group_not_found");
    assertProblem(postMessage(eve, groupId, "let me in", null), 404, "group_not_found");
    assertProblem(
        api.post(
            "/v1/groups/" + groupId + "/members",
            eve.token(),
            ChatClient.json("handle", eve.handle()).toString()),
        404,
        "group_not_found");
    assertProblem(api.get("/v1/groups/no-such-group", alice.token()), 404, "group_not_found");
    assertProblem(api.get("/v1/groups/bad%20id", alice.token()), 404, "group_not_found");
    assertThat(history(alice, groupId, "").get("messages")).hasSize(1);
  }

  @Test
  void onlyTheOwnerAddsMembersAndNobodyIsAddedTwice() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account dave = user("dave");
    String groupId = createGroup(alice, "g", List.of(bob));

    assertProblem(
        api.post(
            "/v1/groups/" + groupId + "/members",
            bob.token(),
            ChatClient.json("handle", dave.handle()).toString()),
        403,
        "not_owner");
    assertProblem(
        api.post(
            "/v1/groups/" + groupId + "/members",
            alice.token(),
            ChatClient.json("handle", bob.handle()).toString()),
        409,
        "already_member");
    assertProblem(
        api.post(
            "/v1/groups/" + groupId + "/members",
            alice.token(),
            ChatClient.json("handle", handle("ghost")).toString()),
        404,
        "unknown_handle");
    assertThat(api.get("/v1/groups/" + groupId, alice.token()).json().get("members")).hasSize(2);

    Reply added =
        api.post(
            "/v1/groups/" + groupId + "/members",
            alice.token(),
            ChatClient.json("handle", dave.handle()).toString());
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.json().get("members").findValuesAsText("handle"))
        .containsExactly(alice.handle(), bob.handle(), dave.handle());
    assertThat(api.get("/v1/groups/" + groupId, dave.token()).status()).isEqualTo(200);
  }

  @Test
  void membersLeaveTheOwnerRemovesAnyoneAndOthersRemoveNobody() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");
    String groupId = createGroup(alice, "g", List.of(bob, carol));

    assertProblem(
        api.delete("/v1/groups/" + groupId + "/members/" + carol.userId(), bob.token()),
        403,
        "not_owner");
    assertThat(
            api.delete("/v1/groups/" + groupId + "/members/" + bob.userId(), bob.token()).status())
        .isEqualTo(204);
    assertProblem(api.get("/v1/groups/" + groupId, bob.token()), 404, "group_not_found");
    assertProblem(
        api.delete("/v1/groups/" + groupId + "/members/" + bob.userId(), alice.token()),
        404,
        "member_not_found");
    assertProblem(
        api.delete("/v1/groups/" + groupId + "/members/not-a-user", alice.token()),
        404,
        "member_not_found");
    assertThat(
            api.delete("/v1/groups/" + groupId + "/members/" + carol.userId(), alice.token())
                .status())
        .isEqualTo(204);
    assertThat(
            api.get("/v1/groups/" + groupId, alice.token())
                .json()
                .get("members")
                .findValuesAsText("userId"))
        .containsExactly(alice.userId());
  }

  @Test
  void anOwnerWhoLeavesHandsTheGroupToTheLongestStandingMember() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");
    String groupId = createGroup(alice, "g", List.of(bob));
    api.post(
        "/v1/groups/" + groupId + "/members",
        alice.token(),
        ChatClient.json("handle", carol.handle()).toString());

    assertThat(
            api.delete("/v1/groups/" + groupId + "/members/" + alice.userId(), alice.token())
                .status())
        .isEqualTo(204);

    JsonNode group = api.get("/v1/groups/" + groupId, carol.token()).json();
    assertThat(group.get("ownerId").asText()).isEqualTo(bob.userId());
    Reply bobAdds =
        api.post(
            "/v1/groups/" + groupId + "/members",
            bob.token(),
            ChatClient.json("handle", alice.handle()).toString());
    assertThat(bobAdds.status()).isEqualTo(200);
  }

  @Test
  void whenTheLastMemberLeavesTheGroupAndItsMessagesAreGone() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "solo", List.of());
    post(alice, groupId, "note to self");

    assertThat(
            api.delete("/v1/groups/" + groupId + "/members/" + alice.userId(), alice.token())
                .status())
        .isEqualTo(204);

    assertProblem(api.get("/v1/groups/" + groupId, alice.token()), 404, "group_not_found");
    assertProblem(
        api.get("/v1/groups/" + groupId + "/messages", alice.token()), 404, "group_not_found");
    assertThat(api.get("/v1/groups", alice.token()).json().get("groups")).isEmpty();
  }

  @Test
  void aGroupTakesAtMostTwoHundredFiftySixMembers() {
    Account owner = user("owner");
    List<Account> others = users("m", 255);
    Account late = user("late");

    List<Account> tooMany = new ArrayList<>(others);
    tooMany.add(late);
    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", "crowd");
    ArrayNode handles = body.putArray("members");
    tooMany.forEach(m -> handles.add(m.handle()));
    assertProblem(api.post("/v1/groups", owner.token(), body.toString()), 422, "group_full");

    String groupId = createGroup(owner, "crowd", others);
    Reply full =
        api.post(
            "/v1/groups/" + groupId + "/members",
            owner.token(),
            ChatClient.json("handle", late.handle()).toString());
    assertProblem(full, 422, "group_full");
    assertThat(api.get("/v1/groups/" + groupId, owner.token()).json().get("members")).hasSize(256);
  }

  // ---------------------------------------------------------------- messages

  @Test
  void membersReadEachOthersMessagesButOnlyTheSenderSeesMine() {
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
  void messageBodiesAndClientIdsAreChecked() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());

    assertProblem(postMessage(alice, groupId, "   ", null), 400, "invalid_body");
    assertProblem(postMessage(alice, groupId, "x".repeat(2001), null), 400, "invalid_body");
    assertProblem(
        api.post("/v1/groups/" + groupId + "/messages", alice.token(), "{}"), 400, "invalid_body");
    assertProblem(postMessage(alice, groupId, "ok", "has space"), 400, "invalid_client_message_id");
    assertProblem(
        postMessage(alice, groupId, "ok", "x".repeat(65)), 400, "invalid_client_message_id");
    assertThat(postMessage(alice, groupId, "é".repeat(2000), null).status()).isEqualTo(201);
    assertThat(history(alice, groupId, "").get("messages")).hasSize(1);
  }

  @Test
  void aGroupKeepsOnlyItsHundredNewestMessages() {
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
        api.get("/v1/groups/" + groupId + "/messages?after=-1", alice.token()),
        400,
        "invalid_after");
    assertProblem(
        api.get("/v1/groups/" + groupId + "/messages?after=abc", alice.token()),
        400,
        "invalid_after");
  }

  @Test
  void aRepeatedClientMessageIdStoresAndDeliversTheMessageOnce() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    try (ChatSocket bobSocket = api.connect(bob.token())) {
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

  // ---------------------------------------------------------------- WebSocket

  @Test
  void aMessageSentOverTheWebSocketIsAckedAndReachesEveryMember() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    try (ChatSocket aliceSocket = api.connect(alice.token());
        ChatSocket bobSocket = api.connect(bob.token())) {
      aliceSocket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\"hi all\",\"clientMessageId\":\"c-1\"}");

      JsonNode ack = aliceSocket.await(f -> "ack".equals(f.path("type").asText()), WAIT);
      assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-1");
      assertThat(ack.get("seq").asLong()).isEqualTo(1);
      JsonNode atBob = bobSocket.awaitMessages(groupId, 1, WAIT).get(0);
      assertThat(atBob.get("messageId").asText()).isEqualTo(ack.get("messageId").asText());
      assertThat(atBob.get("body").asText()).isEqualTo("hi all");
      assertThat(atBob.get("mine").asBoolean()).isFalse();
      assertThat(atBob.get("sentAt").asText()).isNotBlank();
      JsonNode atAlice = aliceSocket.awaitMessages(groupId, 1, WAIT).get(0);
      assertThat(atAlice.get("mine").asBoolean()).isTrue();
      Set<String> fields = new HashSet<>();
      atBob.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactlyInAnyOrder(
              "type", "groupId", "messageId", "seq", "body", "sentAt", "mine");
    }
  }

  @Test
  void aMessagePostedTheMomentASocketOpensReachesIt() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    for (int round = 1; round <= 30; round++) {
      try (ChatSocket bobSocket = api.connect(bob.token())) {
        long seq = post(alice, groupId, "round " + round);
        bobSocket.await(
            f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == seq, WAIT);
      }
    }
  }

  @Test
  void badFramesGetErrorFramesAndTheConnectionKeepsWorking() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());
    try (ChatSocket socket = api.connect(alice.token())) {
      socket.send("this is not json");
      socket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\"  \",\"clientMessageId\":\"c-2\"}");
      socket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\"nope\",\"body\":\"hi\",\"clientMessageId\":\"c-3\"}");
      socket.send("{\"action\":\"dance\"}");
      socket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\""
              + "x".repeat(17 * 1024)
              + "\",\"clientMessageId\":\"c-5\"}");
      socket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\"fine\",\"clientMessageId\":\"c-6\"}");

      socket.await(
          f ->
              "ack".equals(f.path("type").asText())
                  && "c-6".equals(f.path("clientMessageId").asText()),
          WAIT);
      List<JsonNode> errors =
          socket.frames().stream()
              .filter(f -> f != null && "error".equals(f.path("type").asText()))
              .toList();
      assertThat(errors)
          .extracting(f -> f.get("code").asText())
          .containsExactly(
              "malformed_json",
              "invalid_body",
              "group_not_found",
              "malformed_json",
              "payload_too_large");
      assertThat(errors.get(1).get("clientMessageId").asText()).isEqualTo("c-2");
      assertThat(errors.get(2).get("clientMessageId").asText()).isEqualTo("c-3");
      assertThat(errors).allSatisfy(e -> assertThat(e.get("detail").asText()).isNotBlank());
      assertThat(seqs(history(alice, groupId, "").get("messages"))).containsExactly(1L);
    }
  }

  @Test
  void fiftyConnectedMembersEachReceiveEveryMessageOnceAndInOrder() throws Exception {
    List<Account> members = users("fan", 50);
    Account owner = members.get(0);
    String groupId = createGroup(owner, "fifty", members.subList(1, 50));
    List<ChatSocket> sockets = new ArrayList<>();
    try {
      for (Account member : members) {
        sockets.add(api.connect(member.token()));
      }
      int posters = 3;
      int each = 20;
      ExecutorService pool = Executors.newFixedThreadPool(posters);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < posters; p++) {
          Account poster = members.get(p * 7);
          ChatSocket viaSocket = sockets.get(p * 7);
          boolean overWebSocket = p % 2 == 1;
          int number = p;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      String body = "p" + number + " #" + i;
                      if (overWebSocket) {
                        viaSocket.send(
                            "{\"action\":\"sendMessage\",\"groupId\":\""
                                + groupId
                                + "\",\"body\":\""
                                + body
                                + "\",\"clientMessageId\":\"p"
                                + number
                                + "-"
                                + i
                                + "\"}");
                      } else {
                        post(poster, groupId, body);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      int total = posters * each;
      for (int m = 0; m < members.size(); m++) {
        List<JsonNode> received = sockets.get(m).awaitMessages(groupId, total, WAIT);
        List<Long> order = received.stream().map(f -> f.get("seq").asLong()).toList();
        assertThat(order).as("member %d", m).hasSize(total).doesNotHaveDuplicates().isSorted();
        assertThat(order).first().isEqualTo(1L);
        assertThat(order).last().isEqualTo((long) total);
        boolean isPoster = m == 0 || m == 7 || m == 14;
        long mine = received.stream().filter(f -> f.get("mine").asBoolean()).count();
        assertThat(mine).as("member %d's own messages", m).isEqualTo(isPoster ? each : 0);
      }
    } finally {
      sockets.forEach(ChatSocket::close);
    }
  }

  @Test
  void aRemovedMemberReceivesNothingPostedAfterTheRemovalReturned() throws Exception {
    Account owner = user("owner");
    Account victim = user("victim");
    List<Account> others = users("stay", 3);
    List<Account> all = new ArrayList<>(others);
    all.add(victim);
    String groupId = createGroup(owner, "shrinking", all);
    Map<Long, Boolean> startedAfterRemoval = new ConcurrentHashMap<>();
    AtomicBoolean removed = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong posted = new AtomicLong();
    List<Throwable> failures = new CopyOnWriteArrayList<>();

    try (ChatSocket victimSocket = api.connect(victim.token());
        ChatSocket witness = api.connect(others.get(0).token())) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (Account poster : List.of(owner, others.get(1))) {
          pool.submit(
              () -> {
                while (!stop.get()) {
                  boolean after = removed.get();
                  try {
                    startedAfterRemoval.put(post(poster, groupId, "tick"), after);
                    posted.incrementAndGet();
                  } catch (Throwable t) {
                    failures.add(t);
                    return;
                  }
                }
              });
        }
        for (Account reader : List.of(others.get(2), others.get(0))) {
          pool.submit(
              () -> {
                while (!stop.get()) {
                  api.get("/v1/groups/" + groupId, reader.token());
                  api.get("/v1/groups/" + groupId + "/messages?after=0", reader.token());
                }
              });
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> posted.get() >= 20);
        Reply removal =
            api.delete("/v1/groups/" + groupId + "/members/" + victim.userId(), owner.token());
        removed.set(true);
        assertThat(removal.status()).isEqualTo(204);
        long atRemoval = posted.get();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> posted.get() >= atRemoval + 40);
      } finally {
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(failures).isEmpty();
      long lastSeq = Collections.max(startedAfterRemoval.keySet());
      witness.awaitMessages(groupId, (int) lastSeq, WAIT);
      List<Long> leaked =
          victimSocket.messages(groupId).stream()
              .map(f -> f.get("seq").asLong())
              .filter(seq -> startedAfterRemoval.getOrDefault(seq, false))
              .toList();
      assertThat(leaked)
          .as("messages posted after the removal returned that reached the removed member")
          .isEmpty();
      assertThat(startedAfterRemoval.values()).contains(true);
      assertProblem(
          api.get("/v1/groups/" + groupId + "/messages", victim.token()), 404, "group_not_found");
    }
  }

  // ---------------------------------------------------------------- anonymity

  @Test
  void noAnswerPushCacheEntryStoredItemOrLogLineCarriesTheSender() {
    Account sender = user("whistle");
    Account reader = user("reader");
    String groupId = createGroup(sender, "anon", List.of(reader));
    String body = "secret-" + UUID.randomUUID();
    List<String> seen = new ArrayList<>();
    try (ChatSocket readerSocket = api.connect(reader.token());
        ChatSocket senderSocket = api.connect(sender.token())) {
      Reply posted = postMessage(sender, groupId, body, "anon-1");
      seen.add(posted.text());
      senderSocket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\""
              + body
              + "-ws\",\"clientMessageId\":\"anon-2\"}");
      readerSocket.awaitMessages(groupId, 2, WAIT);
      senderSocket.awaitMessages(groupId, 2, WAIT);
      senderSocket.await(f -> "ack".equals(f.path("type").asText()), WAIT);
      seen.addAll(readerSocket.rawFrames());
      seen.addAll(senderSocket.rawFrames());
      seen.add(api.get("/v1/groups/" + groupId + "/messages", reader.token()).text());
      seen.add(api.get("/v1/groups/" + groupId + "/messages", sender.token()).text());
      String messageId = posted.json().get("messageId").asText();

      for (String text : seen) {
        assertThat(text)
            .doesNotContain(sender.userId())
            .doesNotContain("\"" + sender.handle() + "\"");
      }
      List<String> stored =
          deployment.storedTexts().stream().filter(t -> t.contains(body)).toList();
      assertThat(stored).as("stored or cached copies of the message").isNotEmpty();
      for (String item : stored) {
        assertThat(item).doesNotContain(sender.userId()).doesNotContain(sender.handle());
      }
      List<String> allLines = new ArrayList<>(logs.lines());
      allLines.addAll(deployment.logLines());
      List<String> logLines =
          allLines.stream().filter(l -> l.contains(messageId) || l.contains(body)).toList();
      for (String line : logLines) {
        assertThat(line).doesNotContain(sender.userId()).doesNotContain(sender.handle());
      }
      assertThat(allLines).noneMatch(l -> l.contains(body));
    }
  }

  /**
   * The attack of issue 10, generalised: a member watches every channel it can reach — the pushes
   * it receives (text and size), its history answer, and the server's metrics (read before and
   * after each message, as an operator could) — and tries to tell which of three senders wrote each
   * message. Senders hold 1, 2 and 3 sockets, so that anything that differed on the sender's own
   * copies would add up differently per sender. What the observer sees must be the same for every
   * message (once the values that are the message itself are set aside: id, seq, time, body), so
   * any guess it makes is the same guess for all of them: no better than chance.
   */
  @Test
  void anObserverOfEveryChannelCannotTellWhoSentEachMessage() {
    List<Account> senders = users("suspect", 3);
    Account observer = user("observer");
    String groupId =
        createGroup(senders.get(0), "who", List.of(senders.get(1), senders.get(2), observer));
    List<ChatSocket> sockets = new ArrayList<>();
    try (ChatSocket watching = api.connect(observer.token())) {
      List<List<ChatSocket>> socketsOf = new ArrayList<>();
      for (int i = 0; i < senders.size(); i++) {
        List<ChatSocket> own = new ArrayList<>();
        for (int n = 0; n <= i; n++) {
          own.add(api.connect(senders.get(i).token()));
        }
        sockets.addAll(own);
        socketsOf.add(own);
      }
      // Nine posts first (caches filled, and every later seq has two digits, like every id).
      int[] order = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1, 1, 0, 2};
      Map<String, List<Integer>> sendersBySeen = new HashMap<>();
      for (int i = 0; i < order.length; i++) {
        int who = order[i];
        Optional<String> before = deployment.metrics();
        String clientId = "who-" + (100 + i);
        socketsOf
            .get(who)
            .get(0)
            .send(
                "{\"action\":\"sendMessage\",\"groupId\":\""
                    + groupId
                    + "\",\"body\":\"words "
                    + (100 + i)
                    + "\",\"clientMessageId\":\""
                    + clientId
                    + "\"}");
        socketsOf
            .get(who)
            .get(0)
            .await(f -> clientId.equals(f.path("clientMessageId").asText()), WAIT);
        int count = i + 1;
        watching.awaitMessages(groupId, count, WAIT);
        sockets.forEach(s -> s.awaitMessages(groupId, count, WAIT));
        Optional<String> after = deployment.metrics();
        if (i < 9) {
          continue;
        }
        String body = "\"words " + (100 + i);
        String pushed =
            watching.rawFrames().stream().filter(f -> f.contains(body)).findFirst().orElseThrow();
        String seen =
            "push: "
                + withoutTheMessagesOwnValues(pushed)
                + " bytes="
                + pushed.getBytes(StandardCharsets.UTF_8).length
                + " metrics: "
                + before.map(b -> counterChanges(b, after.orElseThrow())).orElse("none");
        sendersBySeen.computeIfAbsent(seen, k -> new ArrayList<>()).add(who);
      }
      JsonNode history = history(observer, groupId, "?after=9");
      assertThat(history.get("messages")).hasSize(12);
      Set<String> historyShapes = new HashSet<>();
      history
          .get("messages")
          .forEach(
              m ->
                  historyShapes.add(
                      withoutTheMessagesOwnValues(m.toString())
                          + " bytes="
                          + m.toString().length()));

      assertThat(sendersBySeen)
          .as("what the observer saw, with the senders it belonged to")
          .hasSize(1);
      assertThat(sendersBySeen.values().iterator().next()).contains(0, 1, 2);
      assertThat(historyShapes).as("the observer's history, message by message").hasSize(1);
      assertThat(watching.frames()).noneMatch(f -> "ack".equals(f.path("type").asText()));
    } finally {
      sockets.forEach(ChatSocket::close);
    }
  }

  /** A message's JSON with its id, seq, time and body blanked out: what is left is its framing. */
  private static String withoutTheMessagesOwnValues(String json) {
    return json.replaceAll("\"(messageId|sentAt|body)\":\"[^\"]*\"", "\"$1\":_")
        .replaceAll("\"seq\":\\d+", "\"seq\":_");
  }

  /** The HooChat counters that moved between two scrapes, with how much, in a stable order. */
  private static String counterChanges(String before, String after) {
    Map<String, Double> start = counters(before);
    Map<String, Double> changes = new TreeMap<>();
    counters(after)
        .forEach(
            (series, value) -> {
              double delta = value - start.getOrDefault(series, 0.0);
              if (delta != 0) {
                changes.put(series, delta);
              }
            });
    return changes.toString();
  }

  private static Map<String, Double> counters(String prometheus) {
    Map<String, Double> values = new HashMap<>();
    for (String line : prometheus.split("\n")) {
      if (line.startsWith("hoochat_")) {
        int space = line.lastIndexOf(' ');
        values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return values;
  }

  // ---------------------------------------------------------------- malformed input

  @Test
  void malformedBodiesAreRefusedAndTheServerKeepsServing() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());
    String path = "/v1/groups/" + groupId + "/messages";

    assertProblem(api.post(path, alice.token(), "not json"), 400, "malformed_json");
    assertProblem(api.post(path, alice.token(), "{\"body\": 42}"), 400, "malformed_json");
    assertProblem(
        api.post(path, alice.token(), "{\"body\": \"hi\", \"sender\": \"me\"}"),
        400,
        "malformed_json");
    assertProblem(api.post(path, alice.token(), "[\"hi\"]"), 400, "malformed_json");
    assertProblem(
        api.post(path, alice.token(), "{\"body\":\"a\",\"body\":\"b\"}"), 400, "malformed_json");
    assertProblem(
        api.post(path, alice.token(), "{\"body\":\"a\"} trailing"), 400, "malformed_json");
    assertProblem(api.post(path, alice.token(), ""), 400, "malformed_json");
    assertProblem(
        api.post("/v1/groups", alice.token(), "{\"name\":\"g\",\"members\":\"bob\"}"),
        400,
        "malformed_json");
    assertProblem(
        api.post("/v1/users", null, "{\"handle\":[\"x\"],\"password\":\"correct horse\"}"),
        400,
        "malformed_json");
    byte[] invalidUtf8 = "{\"body\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
    invalidUtf8[9] = (byte) 0xC3;
    assertProblem(
        api.sendBytes("POST", path, alice.token(), invalidUtf8, Map.of()), 400, "malformed_json");
    assertProblem(
        api.post(path, alice.token(), "{\"body\":\"" + "x".repeat(17 * 1024) + "\"}"),
        413,
        "payload_too_large");
    assertProblem(
        api.post("/v1/users", null, "{\"handle\":\"" + "x".repeat(20 * 1024) + "\"}"),
        413,
        "payload_too_large");

    assertThat(history(alice, groupId, "").get("messages")).isEmpty();
    assertStillServing();
    assertThat(post(alice, groupId, "still here")).isEqualTo(1);
  }

  @Test
  void unknownPathsAnswerAProblemToo() {
    Reply reply = api.get("/v1/nowhere", null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }
}
