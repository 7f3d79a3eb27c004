package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;

/** The steps and checks of {@link CircleScenarios} and {@link CircleAnonymityScenarios}. */
interface CircleSteps extends ChatScenarios {

  /** A message as its sender's answer names it. */
  record Sent(String messageId, long seq) {}

  default String invites(String groupId) {
    return "/v1/groups/" + groupId + "/invites";
  }

  default String presence(String groupId) {
    return "/v1/groups/" + groupId + "/presence";
  }

  default String muteAuthor(String groupId, String messageId) {
    return "/v1/groups/" + groupId + "/messages/" + messageId + "/mute-author";
  }

  default String invite(Account owner, String groupId, String body) {
    Reply made = api().post(invites(groupId), owner.token(), body);
    assertThat(made.status()).as(made.text()).isEqualTo(201);
    return made.json().get("code").asText();
  }

  default JsonNode listInvites(Account owner, String groupId) {
    Reply listed = api().get(invites(groupId), owner.token());
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    return listed.json();
  }

  default Reply redeem(Account caller, String code) {
    return api().post("/v1/invites/" + code, caller.token(), null);
  }

  default Sent sent(Account sender, String groupId, String body) {
    Reply reply = postMessage(sender, groupId, body, null);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return new Sent(reply.json().get("messageId").asText(), reply.json().get("seq").asLong());
  }

  default Reply unsend(Account caller, String groupId, String messageId) {
    return api().delete("/v1/groups/" + groupId + "/messages/" + messageId, caller.token());
  }

  default Reply report(Account caller, String groupId, String messageId) {
    return api()
        .post(
            "/v1/groups/" + groupId + "/messages/" + messageId + "/reports", caller.token(), null);
  }

  default Reply mute(Account caller, String groupId, String messageId, int minutes) {
    return api()
        .post(muteAuthor(groupId, messageId), caller.token(), "{\"minutes\":" + minutes + "}");
  }

  default String sendMessage(String groupId, String body, String clientMessageId) {
    return "{\"action\":\"sendMessage\",\"groupId\":\""
        + groupId
        + "\",\"body\":\""
        + body
        + "\",\"clientMessageId\":\""
        + clientMessageId
        + "\"}";
  }

  default void assertPresence(Account reader, String groupId, int online, int members) {
    Reply answer = api().get(presence(groupId), reader.token());
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().get("online").asInt()).as(answer.text()).isEqualTo(online);
    assertThat(answer.json().get("members").asInt()).isEqualTo(members);
  }

  /** A closed socket is forgotten once the server has seen the close: wait for that, bounded. */
  default void awaitPresence(Account reader, String groupId, int online) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                api().get(presence(groupId), reader.token()).json().get("online").asInt()
                    == online);
  }

  /**
   * The body is in nothing the store or the cache holds any more. {@code shown}: whether the
   * deployment showed it before (a deployment that cannot show its store checks nothing here; the
   * store contract tests check every store).
   */
  default void assertGone(String body, boolean shown) {
    if (shown) {
      assertThat(deployment().heldTexts())
          .as("what the store and the cache hold")
          .noneMatch(t -> t.contains(body));
    }
  }

  default List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  default void assertExpiresWithin(Reply made, Instant from, Instant to, long ttlSeconds) {
    Instant expires = Instant.parse(made.json().get("expiresAt").asText());
    assertThat(expires).isBetween(from.plusSeconds(ttlSeconds), to.plusSeconds(ttlSeconds));
  }

  default String randomCode() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
