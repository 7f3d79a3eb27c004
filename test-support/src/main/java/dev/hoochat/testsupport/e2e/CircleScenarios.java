package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of anonymous circles (API.md: Invites, Presence counts, Unsend, Reports that
 * hide, Blind mute): every rule of the contract as a user's app meets it. What a deployment cannot
 * show end to end is tested below the transport and said so: an invite's expiry needs a ttl of 60 s
 * at least (CirclesTest, with a clock the test moves), and redeem attempts are limited like posts,
 * which every deployment of this suite turns off (the hostile tests of both runtimes brute-force
 * codes with the limit on).
 */
interface CircleScenarios extends CircleSteps {

  // ------------------------------------------------------------------ invites

  @Test
  default void theOwnerMakesInvitesWithinTheirBoundsAndListsTheLiveOnes() {
    Account owner = user("owner");
    String groupId = createGroup(owner, "invites", List.of());

    Instant before = Instant.now().minusSeconds(1);
    Reply plain = api().post(invites(groupId), owner.token(), null);
    Reply empty = api().post(invites(groupId), owner.token(), "{}");
    Reply widest =
        api().post(invites(groupId), owner.token(), "{\"maxUses\":256,\"ttlSeconds\":604800}");
    Reply shortest =
        api().post(invites(groupId), owner.token(), "{\"maxUses\":1,\"ttlSeconds\":60}");
    Instant after = Instant.now().plusSeconds(1);

    for (Reply made : List.of(plain, empty, widest, shortest)) {
      assertThat(made.status()).as(made.text()).isEqualTo(201);
      assertThat(made.contentType()).startsWith("application/json");
      assertThat(fieldNames(made.json()))
          .containsExactly("code", "groupId", "maxUses", "uses", "expiresAt");
      assertThat(made.json().get("code").asText()).matches("[A-Za-z0-9_-]{43}");
      assertThat(made.json().get("groupId").asText()).isEqualTo(groupId);
      assertThat(made.json().get("uses").asInt()).isZero();
    }
    assertThat(plain.json().get("maxUses").asInt()).isEqualTo(1);
    assertThat(widest.json().get("maxUses").asInt()).isEqualTo(256);
    assertExpiresWithin(plain, before, after, 86_400);
    assertExpiresWithin(empty, before, after, 86_400);
    assertExpiresWithin(widest, before, after, 604_800);
    assertExpiresWithin(shortest, before, after, 60);
    List<String> codes = new ArrayList<>();
    List.of(plain, empty, widest, shortest).forEach(r -> codes.add(r.json().get("code").asText()));
    assertThat(codes).doesNotHaveDuplicates();

    for (String outOfRange :
        List.of(
            "{\"maxUses\":0}",
            "{\"maxUses\":257}",
            "{\"ttlSeconds\":59}",
            "{\"ttlSeconds\":604801}",
            "{\"maxUses\":-1,\"ttlSeconds\":3600}")) {
      assertProblem(api().post(invites(groupId), owner.token(), outOfRange), 400, "invalid_invite");
    }
    assertProblem(
        api().post(invites(groupId), owner.token(), "{\"maxUses\":\"two\"}"),
        400,
        "malformed_json");

    JsonNode listed = listInvites(owner, groupId);
    assertThat(fieldNames(listed)).containsExactly("invites");
    assertThat(listed.get("invites").findValuesAsText("code"))
        .containsExactlyInAnyOrderElementsOf(codes);
    assertThat(listed.get("invites"))
        .filteredOn(i -> i.get("code").equals(widest.json().get("code")))
        .containsExactly(widest.json());
  }

  @Test
  default void onlyTheOwnerManagesInvitesAndOutsidersCannotTellTheGroupExists() {
    Account owner = user("owner");
    Account member = user("member");
    Account outsider = user("outsider");
    String groupId = createGroup(owner, "closed", List.of(member));
    String code = invite(owner, groupId, "{\"maxUses\":3}");

    assertProblem(api().post(invites(groupId), member.token(), "{}"), 403, "not_owner");
    assertProblem(api().get(invites(groupId), member.token()), 403, "not_owner");
    assertProblem(api().delete(invites(groupId) + "/" + code, member.token()), 403, "not_owner");
    assertProblem(api().post(invites(groupId), outsider.token(), "{}"), 404, "group_not_found");
    assertProblem(api().get(invites(groupId), outsider.token()), 404, "group_not_found");
    assertProblem(
        api().delete(invites(groupId) + "/" + code, outsider.token()), 404, "group_not_found");
    assertProblem(api().get(invites("g-no-such-group"), owner.token()), 404, "group_not_found");
    assertProblem(api().post(invites(groupId), null, "{}"), 401, "unauthenticated");
    assertProblem(api().post("/v1/invites/" + code, null, null), 401, "unauthenticated");

    assertThat(listInvites(owner, groupId).get("invites").findValuesAsText("code"))
        .containsExactly(code);
  }

  @Test
  default void aRedeemedCodeMakesAMemberWhoReceivesTheGroupsPushesAndUsesAreCounted()
      throws Exception {
    Account owner = user("owner");
    Account first = user("newcomer");
    Account second = user("newcomer");
    String groupId = createGroup(owner, "open door", List.of());
    String code = invite(owner, groupId, "{\"maxUses\":2}");

    try (ChatSocket newcomer = api().connect(first.token())) {
      Reply joined = redeem(first, code);

      assertThat(joined.status()).as(joined.text()).isEqualTo(200);
      assertThat(joined.json().get("groupId").asText()).isEqualTo(groupId);
      assertThat(joined.json().get("ownerId").asText()).isEqualTo(owner.userId());
      assertThat(joined.json().get("members").findValuesAsText("userId"))
          .containsExactly(owner.userId(), first.userId());
      long seq = post(owner, groupId, "welcome");
      JsonNode pushed = newcomer.awaitMessages(groupId, 1, WAIT).get(0);
      assertThat(pushed.get("seq").asLong()).isEqualTo(seq);
      assertThat(pushed.get("body").asText()).isEqualTo("welcome");
    }
    assertThat(listInvites(owner, groupId).get("invites").get(0).get("uses").asInt()).isEqualTo(1);
    assertThat(post(first, groupId, "thanks")).isEqualTo(2);

    assertThat(redeem(second, code).status()).isEqualTo(200);
    assertThat(listInvites(owner, groupId).get("invites")).as("used up, so not live").isEmpty();
    assertThat(seqs(history(second, groupId, "").get("messages"))).containsExactly(1L, 2L);
    assertThat(api().get("/v1/me", second.token()).json().get("groups").findValuesAsText("groupId"))
        .containsExactly(groupId);
  }

  /**
   * Unknown, malformed, revoked and used-up codes, and the code of a group that is gone, all get
   * one answer, byte for byte. (Expired codes get it too: CirclesTest, since the shortest ttl is a
   * minute.)
   */
  @Test
  default void everyCodeThatLetsNobodyInGetsTheSameAnswer() {
    Account owner = user("owner");
    Account prober = user("prober");
    Account first = user("first");
    String groupId = createGroup(owner, "shut", List.of());
    String revoked = invite(owner, groupId, "{}");
    String usedUp = invite(owner, groupId, "{\"maxUses\":1}");
    assertThat(api().delete(invites(groupId) + "/" + revoked, owner.token()).status())
        .isEqualTo(204);
    assertThat(api().delete(invites(groupId) + "/" + revoked, owner.token()).status())
        .as("revoking a code that is not live")
        .isEqualTo(204);
    assertThat(api().delete(invites(groupId) + "/not.a.code", owner.token()).status())
        .as("revoking a code that could not be one")
        .isEqualTo(204);
    assertThat(redeem(first, usedUp).status()).isEqualTo(200);
    Account loner = user("loner");
    String goneGroup = createGroup(loner, "gone", List.of());
    String orphan = invite(loner, goneGroup, "{}");
    assertThat(
            api()
                .delete("/v1/groups/" + goneGroup + "/members/" + loner.userId(), loner.token())
                .status())
        .isEqualTo(204);

    List<String> answers = new ArrayList<>();
    for (String code :
        List.of(randomCode(), revoked, usedUp, orphan, "short", "x".repeat(44), "a.b", "a%20b")) {
      Reply refused = redeem(prober, code);
      assertProblem(refused, 404, "invite_not_found");
      answers.add(refused.text());
    }
    assertThat(new HashSet<>(answers)).as("one answer for all").hasSize(1);
    assertThat(answers.get(0)).doesNotContain(revoked).doesNotContain(groupId);
    assertThat(api().get("/v1/groups", prober.token()).json().get("groups")).isEmpty();
    assertThat(listInvites(owner, groupId).get("invites")).isEmpty();
  }

  @Test
  default void aMemberWhoRedeemsIsAlreadyOneAndTheCodeIsNotSpent() {
    Account owner = user("owner");
    Account member = user("member");
    String groupId = createGroup(owner, "already", List.of(member));
    String code = invite(owner, groupId, "{}");

    assertProblem(redeem(owner, code), 409, "already_member");
    assertProblem(redeem(member, code), 409, "already_member");

    JsonNode live = listInvites(owner, groupId).get("invites");
    assertThat(live).hasSize(1);
    assertThat(live.get(0).get("uses").asInt()).isZero();
    assertThat(api().get("/v1/groups/" + groupId, owner.token()).json().get("members")).hasSize(2);
  }

  // ------------------------------------------------------------------ unsend

  @Test
  default void onlyItsAuthorUnsendsAMessageAndEveryoneSeesTheSamePlaceholder() {
    Account author = user("author");
    Account owner = user("owner");
    Account reader = user("reader");
    Account outsider = user("outsider");
    String groupId = createGroup(owner, "takeback", List.of(author, reader));
    String body = "regret-" + UUID.randomUUID();
    try (ChatSocket authorSocket = api().connect(author.token());
        ChatSocket ownerSocket = api().connect(owner.token());
        ChatSocket readerSocket = api().connect(reader.token())) {
      Sent sent = sent(author, groupId, body);
      Sent kept = sent(reader, groupId, "kept");
      for (ChatSocket socket : List.of(authorSocket, ownerSocket, readerSocket)) {
        socket.awaitMessages(groupId, 2, WAIT);
      }
      history(reader, groupId, "");
      boolean storeShown = deployment().heldTexts().stream().anyMatch(t -> t.contains(body));

      assertProblem(unsend(reader, groupId, sent.messageId()), 403, "not_author");
      assertProblem(unsend(owner, groupId, sent.messageId()), 403, "not_author");
      assertProblem(unsend(outsider, groupId, sent.messageId()), 404, "group_not_found");
      assertProblem(unsend(author, groupId, "m-no-such-message"), 404, "message_not_found");
      assertProblem(unsend(author, groupId, "no.such%20message"), 404, "message_not_found");
      assertThat(history(reader, groupId, "").get("messages").get(0).get("body").asText())
          .isEqualTo(body);

      Reply unsent = unsend(author, groupId, sent.messageId());
      assertThat(unsent.status()).as(unsent.text()).isEqualTo(204);
      assertThat(unsent.text()).isEmpty();
      assertThat(unsend(author, groupId, sent.messageId()).status()).isEqualTo(204);
      long last = post(owner, groupId, "after");

      for (ChatSocket socket : List.of(authorSocket, ownerSocket, readerSocket)) {
        socket.await(f -> f.path("seq").asLong() == last, WAIT);
        List<JsonNode> events = socket.frames("unsent", groupId);
        assertThat(events).as("one unsent frame, before the next message").hasSize(1);
        assertThat(fieldNames(events.get(0)))
            .containsExactly("type", "groupId", "messageId", "seq");
        assertThat(events.get(0).get("messageId").asText()).isEqualTo(sent.messageId());
        assertThat(events.get(0).get("seq").asLong()).isEqualTo(sent.seq());
      }
      Set<String> placeholders = new HashSet<>();
      for (Account anyone : List.of(author, owner, reader)) {
        for (String query : List.of("", "?after=0")) {
          JsonNode messages = history(anyone, groupId, query).get("messages");
          assertThat(seqs(messages)).containsExactly(sent.seq(), kept.seq(), last);
          placeholders.add(messages.get(0).toString());
          assertThat(messages.get(1).get("body").asText()).isEqualTo("kept");
        }
      }
      assertThat(placeholders).as("the same entry for every reader, its author too").hasSize(1);
      JsonNode placeholder = history(author, groupId, "").get("messages").get(0);
      assertThat(fieldNames(placeholder)).containsExactly("messageId", "seq", "sentAt", "unsent");
      assertThat(placeholder.get("unsent").asBoolean()).isTrue();
      assertGone(body, storeShown);
    }
  }

  // ------------------------------------------------------------------ reports

  /** Seven members: max(2, ⌈7/3⌉) = 3 distinct reporters hide a message. */
  @Test
  default void aMessageIsHiddenOnceEnoughDistinctMembersReportedIt() {
    List<Account> members = users("seven", 7);
    Account owner = members.get(0);
    Account outsider = user("outsider");
    String groupId = createGroup(owner, "seven", members.subList(1, 7));
    String body = "rude-" + UUID.randomUUID();
    try (ChatSocket watching = api().connect(members.get(6).token());
        ChatSocket author = api().connect(members.get(1).token())) {
      Sent rude = sent(members.get(1), groupId, body);
      history(owner, groupId, "");
      boolean storeShown = deployment().heldTexts().stream().anyMatch(t -> t.contains(body));

      assertThat(report(members.get(2), groupId, rude.messageId()).status()).isEqualTo(202);
      assertThat(report(members.get(2), groupId, rude.messageId()).status()).isEqualTo(202);
      assertThat(report(members.get(2), groupId, rude.messageId()).status()).isEqualTo(202);
      Reply second = report(members.get(3), groupId, rude.messageId());
      assertThat(second.status()).as(second.text()).isEqualTo(202);
      assertThat(second.text()).isEmpty();
      assertProblem(report(outsider, groupId, rude.messageId()), 404, "group_not_found");
      assertProblem(report(owner, groupId, "m-no-such-message"), 404, "message_not_found");
      long sentinel = post(owner, groupId, "still here");
      watching.await(f -> f.path("seq").asLong() == sentinel, WAIT);
      assertThat(watching.frames("hidden", groupId))
          .as("three reports from one member and one from another hide nothing")
          .isEmpty();
      assertThat(history(owner, groupId, "").get("messages").get(0).get("body").asText())
          .isEqualTo(body);

      assertThat(report(members.get(4), groupId, rude.messageId()).status()).isEqualTo(202);

      for (ChatSocket socket : List.of(watching, author)) {
        JsonNode hidden = socket.awaitFrames("hidden", groupId, 1, WAIT).get(0);
        assertThat(fieldNames(hidden)).containsExactly("type", "groupId", "messageId", "seq");
        assertThat(hidden.get("messageId").asText()).isEqualTo(rude.messageId());
        assertThat(hidden.get("seq").asLong()).isEqualTo(rude.seq());
      }
      assertThat(report(members.get(5), groupId, rude.messageId()).status()).isEqualTo(202);
      long last = post(owner, groupId, "moving on");
      watching.await(f -> f.path("seq").asLong() == last, WAIT);
      assertThat(watching.frames("hidden", groupId)).as("hidden once").hasSize(1);
      Set<String> entries = new HashSet<>();
      for (Account anyone : members) {
        entries.add(history(anyone, groupId, "").get("messages").get(0).toString());
      }
      assertThat(entries).as("the same entry for every reader, its author too").hasSize(1);
      JsonNode entry = history(members.get(1), groupId, "?after=0").get("messages").get(0);
      assertThat(fieldNames(entry)).containsExactly("messageId", "seq", "sentAt", "hidden");
      assertThat(entry.get("hidden").asBoolean()).isTrue();
      assertGone(body, storeShown);
    }
  }

  /** max(2, …): in a group of two, no one member can hide the other's message. */
  @Test
  default void oneMemberAloneNeverHidesAMessage() {
    Account owner = user("owner");
    Account other = user("other");
    String groupId = createGroup(owner, "pair", List.of(other));
    Sent sent = sent(other, groupId, "mine to keep");

    assertThat(report(owner, groupId, sent.messageId()).status()).isEqualTo(202);
    assertThat(report(owner, groupId, sent.messageId()).status()).isEqualTo(202);
    assertThat(history(owner, groupId, "").get("messages").get(0).get("body").asText())
        .isEqualTo("mine to keep");
    assertThat(report(other, groupId, sent.messageId()).status()).isEqualTo(202);
    assertThat(history(owner, groupId, "").get("messages").get(0).get("hidden").asBoolean())
        .isTrue();
  }

  // ------------------------------------------------------------------ blind mute

  @Test
  default void theOwnerMutesAMessagesAuthorWhosePostsAreRefusedOnRestAndTheWebSocket() {
    Account owner = user("owner");
    Account author = user("author");
    Account bystander = user("bystander");
    Account outsider = user("outsider");
    String groupId = createGroup(owner, "hush", List.of(author, bystander));
    Sent sent = sent(author, groupId, "loud");
    JsonNode membersBefore = api().get("/v1/groups/" + groupId, owner.token()).json();

    assertProblem(mute(bystander, groupId, sent.messageId(), 60), 403, "not_owner");
    assertProblem(mute(author, groupId, sent.messageId(), 60), 403, "not_owner");
    assertProblem(mute(outsider, groupId, sent.messageId(), 60), 404, "group_not_found");
    assertProblem(mute(owner, groupId, "m-no-such-message", 60), 404, "message_not_found");
    for (String body : List.of("{}", "{\"minutes\":0}", "{\"minutes\":10081}")) {
      assertProblem(
          api().post(muteAuthor(groupId, sent.messageId()), owner.token(), body),
          400,
          "invalid_mute");
    }
    assertThat(post(author, groupId, "not muted yet")).isEqualTo(2);

    Reply muted = mute(owner, groupId, sent.messageId(), 60);
    assertThat(muted.status()).as(muted.text()).isEqualTo(204);
    assertThat(muted.text()).isEmpty();

    Reply refused = postMessage(author, groupId, "let me speak", null);
    assertProblem(refused, 403, "muted");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
    try (ChatSocket socket = api().connect(author.token())) {
      socket.send(sendMessage(groupId, "over the socket", "c-muted"));
      JsonNode error = socket.await(f -> "error".equals(f.path("type").asText()), WAIT);
      assertThat(error.get("code").asText()).isEqualTo("muted");
      assertThat(error.get("clientMessageId").asText()).isEqualTo("c-muted");
      assertThat(error.get("detail").asText()).isNotBlank();
      assertThat(socket.frames("ack", null)).isEmpty();
    }
    assertThat(post(bystander, groupId, "I still may")).isEqualTo(3);
    assertThat(post(owner, groupId, "so do I")).isEqualTo(4);
    assertThat(api().get("/v1/groups/" + groupId, owner.token()).json()).isEqualTo(membersBefore);
    assertThat(api().get("/v1/groups/" + groupId, author.token()).json()).isEqualTo(membersBefore);
    assertThat(history(author, groupId, "").get("messages")).hasSize(4);

    // A later mute replaces the earlier one: a minute now, not an hour.
    assertThat(mute(owner, groupId, sent.messageId(), 1).status()).isEqualTo(204);
    Reply shorter = postMessage(author, groupId, "still?", null);
    assertProblem(shorter, 403, "muted");
    assertThat(Long.parseLong(shorter.header("Retry-After"))).isBetween(1L, 60L);
  }

  @Test
  default void theOwnerMayMuteThemselfWithTheSameAnswer() {
    Account owner = user("owner");
    Account member = user("member");
    String groupId = createGroup(owner, "self", List.of(member));
    Sent own = sent(owner, groupId, "my own words");

    Reply muted = mute(owner, groupId, own.messageId(), 5);

    assertThat(muted.status()).isEqualTo(204);
    assertThat(muted.text()).isEmpty();
    assertProblem(postMessage(owner, groupId, "hello?", null), 403, "muted");
    assertThat(post(member, groupId, "hello!")).isEqualTo(2);
  }

  // ------------------------------------------------------------------ presence

  @Test
  default void presenceCountsMembersWithAnOpenConnectionAndIsPushedWhenItChanges() {
    Account alice = user("alice");
    Account bob = user("bob");
    Account carol = user("carol");
    Account outsider = user("outsider");
    String groupId = createGroup(alice, "who is here", List.of(bob, carol));
    assertPresence(alice, groupId, 0, 3);
    assertProblem(api().get(presence(groupId), outsider.token()), 404, "group_not_found");
    assertProblem(api().get(presence("no.such%20group"), alice.token()), 404, "group_not_found");

    try (ChatSocket aliceSocket = api().connect(alice.token());
        ChatSocket aliceAgain = api().connect(alice.token())) {
      assertPresence(carol, groupId, 1, 3);
      try (ChatSocket bobSocket = api().connect(bob.token())) {
        assertPresence(carol, groupId, 2, 3);
        for (ChatSocket socket : List.of(aliceSocket, aliceAgain)) {
          JsonNode pushed = socket.awaitFrames("presence", groupId, 1, WAIT).get(0);
          assertThat(fieldNames(pushed)).containsExactly("type", "groupId", "online", "members");
          assertThat(pushed.get("online").asInt()).isEqualTo(2);
          assertThat(pushed.get("members").asInt()).isEqualTo(3);
        }
        JsonNode answer = api().get(presence(groupId), bob.token()).json();
        assertThat(fieldNames(answer)).containsExactly("online", "members");
      }
      awaitPresence(carol, groupId, 1);
    }
    awaitPresence(carol, groupId, 0);
  }
}
