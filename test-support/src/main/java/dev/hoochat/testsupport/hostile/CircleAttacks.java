package dev.hoochat.testsupport.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Attacks on the circles' surface (invites and mutes), run by the standalone and the Lambda
 * hostile-client tests alike against a deployment whose posting limit is on (its default of 120 a
 * minute, burst 30): guessing invite codes, and bodies that are too large or not what API.md reads.
 * After each, an ordinary user is served as usual.
 */
public final class CircleAttacks {
  /** How many codes one user tries: far past the burst, and still a bounded test. */
  public static final int GUESSES = 200;

  private static final SecureRandom RANDOM = new SecureRandom();

  private CircleAttacks() {}

  /**
   * One user tries {@value #GUESSES} random codes as fast as it can. Each answer is the one {@code
   * invite_not_found}, byte for byte, until the attempts run out; then {@code rate_limited} with
   * {@code Retry-After}. Nobody joins by guessing; an ordinary user with a real code joins at once.
   */
  public static void guessingInviteCodesGetsOneAnswerThenTheLimit(ChatClient api) {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Account owner = api.signUp("owner_" + suffix, "correct horse");
    Account guesser = api.signUp("guess_" + suffix, "correct horse");
    Account invited = api.signUp("invited_" + suffix, "correct horse");
    String groupId = group(api, owner);
    Reply invite = api.post("/v1/groups/" + groupId + "/invites", owner.token(), "{}");
    assertThat(invite.status()).as(invite.text()).isEqualTo(201);
    String code = invite.json().get("code").asText();

    List<Reply> answers = new ArrayList<>();
    for (int i = 0; i < GUESSES; i++) {
      answers.add(api.post("/v1/invites/" + randomCode(), guesser.token(), null));
    }

    int firstLimited = -1;
    for (int i = 0; i < answers.size() && firstLimited < 0; i++) {
      if (answers.get(i).status() == 429) {
        firstLimited = i;
      }
    }
    assertThat(firstLimited).as("the guesser was held back").isPositive();
    List<Reply> beforeTheLimit = answers.subList(0, firstLimited);
    assertThat(beforeTheLimit).allSatisfy(a -> assertThat(a.status()).isEqualTo(404));
    assertThat(new HashSet<>(beforeTheLimit.stream().map(Reply::text).toList()))
        .as("one answer for every unknown code")
        .hasSize(1);
    assertThat(beforeTheLimit.get(0).code()).isEqualTo("invite_not_found");
    assertThat(beforeTheLimit.get(0).contentType()).startsWith("application/problem+json");
    for (Reply answer : answers.subList(firstLimited, answers.size())) {
      assertThat(answer.status()).as(answer.text()).isIn(404, 429);
      if (answer.status() == 429) {
        assertThat(answer.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
      } else {
        assertThat(answer.text()).isEqualTo(beforeTheLimit.get(0).text());
      }
    }
    assertThat(answers.stream().filter(a -> a.status() == 429)).hasSizeGreaterThan(GUESSES / 2);

    Reply joined = api.post("/v1/invites/" + code, invited.token(), null);
    assertThat(joined.status()).as(joined.text()).isEqualTo(200);
    assertThat(joined.json().get("members").findValuesAsText("userId"))
        .containsExactly(owner.userId(), invited.userId());
    assertThat(api.get("/v1/groups", guesser.token()).json().get("groups")).isEmpty();
  }

  /**
   * Invite and mute bodies that are too large, not UTF-8, not JSON, or JSON of the wrong shape are
   * refused with API.md's codes; nothing is created or muted, and the group works as before.
   */
  public static void oversizedAndMalformedInviteAndMuteBodiesAreRefused(ChatClient api) {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Account owner = api.signUp("owner_" + suffix, "correct horse");
    Account member = api.signUp("member_" + suffix, "correct horse");
    String groupId = group(api, owner, member);
    Reply posted =
        api.post("/v1/groups/" + groupId + "/messages", member.token(), "{\"body\":\"hello\"}");
    assertThat(posted.status()).isEqualTo(201);
    String invites = "/v1/groups/" + groupId + "/invites";
    String mute =
        "/v1/groups/"
            + groupId
            + "/messages/"
            + posted.json().get("messageId").asText()
            + "/mute-author";

    for (String path : List.of(invites, mute)) {
      String field = path.equals(invites) ? "maxUses" : "minutes";
      byte[] huge = ("{\"" + field + "\":1,\"pad\":\"" + "x".repeat(17 * 1024) + "\"}").getBytes();
      assertProblem(api.sendBytes("POST", path, owner.token(), huge, Map.of()), 413, path);
      for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
        assertProblem(
            api.sendBytes("POST", path, owner.token(), withBadUtf8(field, bad), Map.of()),
            400,
            path + " " + bad.name());
      }
      for (String body :
          List.of(
              "not json",
              "[1]",
              "\"" + field + "\"",
              "{\"" + field + "\":1",
              "{\"" + field + "\":\"1\"}",
              "{\"" + field + "\":1.5}",
              "{\"" + field + "\":1e400}",
              "{\"" + field + "\":99999999999999999999999}",
              "{\"" + field + "\":{\"n\":1}}",
              "{\"" + field + "\":[1]}",
              "{\"" + field + "\":1,\"" + field + "\":2}",
              "{\"" + field + "\":1,\"extra\":true}",
              "{\"" + field + "\":1}{}")) {
        Reply refused = api.post(path, owner.token(), body);
        assertProblem(refused, 400, path + " " + body);
        assertThat(refused.code()).as(body).isEqualTo("malformed_json");
      }
      for (String body :
          List.of(
              "{\"" + field + "\":0}",
              "{\"" + field + "\":-1}",
              "{\"" + field + "\":9223372036854775807}",
              "{\"" + field + "\":-9223372036854775808}")) {
        Reply refused = api.post(path, owner.token(), body);
        assertProblem(refused, 400, path + " " + body);
        assertThat(refused.code())
            .as(body)
            .isEqualTo(path.equals(invites) ? "invalid_invite" : "invalid_mute");
      }
    }

    assertThat(api.get(invites, owner.token()).json().get("invites")).isEmpty();
    Reply again =
        api.post("/v1/groups/" + groupId + "/messages", member.token(), "{\"body\":\"still me\"}");
    assertThat(again.status()).as("the member was not muted").isEqualTo(201);
    assertThat(api.post(invites, owner.token(), "{\"maxUses\":2}").status()).isEqualTo(201);
  }

  private static String group(ChatClient api, Account owner, Account... members) {
    StringBuilder handles = new StringBuilder();
    for (Account member : members) {
      handles.append(handles.isEmpty() ? "" : ",").append('"').append(member.handle()).append('"');
    }
    Reply created =
        api.post(
            "/v1/groups", owner.token(), "{\"name\":\"circle\",\"members\":[" + handles + "]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("groupId").asText();
  }

  private static byte[] withBadUtf8(String field, HostileInput.BadUtf8 bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{\"" + field + "\":1,\"x\":\"a").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad.bytes());
    out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String randomCode() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static void assertProblem(Reply reply, int status, String attack) {
    assertThat(reply.status()).as(attack + ": " + reply.text()).isEqualTo(status);
    assertThat(reply.contentType()).as(attack).startsWith("application/problem+json");
    assertThat(reply.json().get("detail").asText().chars())
        .as(attack)
        .allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
