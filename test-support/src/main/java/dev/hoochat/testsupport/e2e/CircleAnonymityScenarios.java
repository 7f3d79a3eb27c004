package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End-to-end anonymity of circles (docs/anonymity.md): what members, the owner, the store and the
 * logs show of unsend, reports and mutes. Each scenario is built so that a leak would be seen: the
 * same story is told twice with the culprit swapped, or the same act is done to every kind of
 * author, and what an observer sees must not change.
 */
interface CircleAnonymityScenarios extends CircleSteps {

  /**
   * Two circles of the same shape — owner, two members, a watcher — live the same story, told with
   * the culprit swapped: the culprit unsends a message, reports another (with the owner, which
   * hides it), is muted by the owner through a third, and is refused a post. The watcher and the
   * owner look at everything they can: the member list, the history (whole and {@code after}),
   * every frame their sockets received, the presence count and their own groups. With members named
   * by their place in the group, what they see must be the same in both circles: nothing tells who
   * unsent beyond the placeholder, who reported or who is muted.
   */
  @Test
  default void anObserverCannotTellWhoUnsentWhoReportedOrWhoIsMuted() {
    String whenTheFirstMemberIsTheCulprit = observeCircle(1);
    String whenTheSecondMemberIsTheCulprit = observeCircle(2);

    assertThat(whenTheSecondMemberIsTheCulprit).isEqualTo(whenTheFirstMemberIsTheCulprit);
  }

  /**
   * The owner mutes the authors of four messages: another member's, a second member's, their own,
   * and one by someone who has left. Each answer — status, headers but the date, body — and the
   * server's counters moved by it are the same: the owner learns nothing of the author, not even
   * from how much work was done. Each mute is made in a circle of its own, all alike (the same
   * people, the same messages, one earlier mute), so that what differs can only be the author. The
   * counters are the whole deployment's, so work of its own in the meantime (a trailing presence
   * push of an earlier test's group) adds to one observation: each author is observed in two such
   * circles and the one with less work kept — work the author caused is in both.
   */
  @Test
  default void theMuteAnswerAndTheWorkBehindItAreTheSameWhoeverWroteTheMessage() {
    Account owner = user("owner");
    List<Account> members = users("member", 4);
    Account leaver = members.get(3);
    List<Account> authors = List.of(members.get(0), members.get(1), owner, leaver);

    Map<String, List<Integer>> authorsBySeen = new HashMap<>();
    for (int i = 0; i < authors.size(); i++) {
      MuteSeen first = muteInACircleOfItsOwn(owner, members, authors, i);
      MuteSeen second = muteInACircleOfItsOwn(owner, members, authors, i);
      MuteSeen kept = second.work() < first.work() ? second : first;
      authorsBySeen.computeIfAbsent(kept.text(), k -> new ArrayList<>()).add(i);
    }

    assertThat(authorsBySeen).as("what the owner saw, with the authors it belonged to").hasSize(1);
  }

  /** What the owner saw of one mute, and how much work the deployment's counters show. */
  record MuteSeen(String text, double work) {}

  private MuteSeen muteInACircleOfItsOwn(
      Account owner, List<Account> members, List<Account> authors, int author) {
    Account leaver = authors.get(3);
    String groupId = createGroup(owner, "blind", members);
    Sent warmUp = sent(members.get(2), groupId, "warm up");
    List<Sent> messages = new ArrayList<>();
    for (Account each : authors) {
      messages.add(sent(each, groupId, "words"));
    }
    assertThat(
            api()
                .delete("/v1/groups/" + groupId + "/members/" + leaver.userId(), leaver.token())
                .status())
        .isEqualTo(204);
    assertThat(mute(owner, groupId, warmUp.messageId(), 30).status()).isEqualTo(204);
    JsonNode group = api().get("/v1/groups/" + groupId, owner.token()).json();

    Optional<String> before = deployment().metrics();
    Reply answer = mute(owner, groupId, messages.get(author).messageId(), 30);
    Optional<String> after = deployment().metrics();
    assertThat(answer.status()).as(answer.text()).isEqualTo(204);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(answer.headers());
    headers.remove("date");
    Map<String, Double> work =
        before.map(b -> Counters.changes(b, after.orElseThrow())).orElse(Map.of());

    assertThat(api().get("/v1/groups/" + groupId, owner.token()).json()).isEqualTo(group);
    if (authors.get(author) != leaver) {
      assertProblem(postMessage(authors.get(author), groupId, "still here?", null), 403, "muted");
    }
    return new MuteSeen(
        answer.status() + " " + headers + " body=" + answer.text() + " metrics: " + work,
        work.values().stream().mapToDouble(Double::doubleValue).sum());
  }

  /**
   * Reports are counted without storing who made them: whatever the store and the cache were given
   * while three members reported a message (and it was hidden) names none of them — besides the
   * reporters' own sessions, which name their user by design — and no log line written meanwhile
   * does. (Every member is named in the group's member list, before and after, alike.)
   */
  @Test
  default void noStoredItemOrLogLineNamesAReporter() {
    List<Account> members = users("circle", 7);
    Account owner = members.get(0);
    String groupId = createGroup(owner, "reports", members.subList(1, 7));
    Sent reported = sent(members.get(1), groupId, "reported words");
    List<Account> reporters = List.of(members.get(2), members.get(3), members.get(4));
    for (Account reporter : reporters) {
      history(reporter, groupId, "");
      api().get("/v1/groups/" + groupId, reporter.token());
    }
    Set<String> storedBefore = new HashSet<>(deployment().storedTexts());
    int logsBefore = logs().lines().size();
    int otherLogsBefore = deployment().logLines().size();

    for (Account reporter : reporters) {
      assertThat(report(reporter, groupId, reported.messageId()).status()).isEqualTo(202);
      assertThat(report(reporter, groupId, reported.messageId()).status()).isEqualTo(202);
    }
    assertThat(history(owner, groupId, "").get("messages").get(0).get("hidden").asBoolean())
        .isTrue();

    List<String> written =
        deployment().storedTexts().stream().filter(t -> !storedBefore.contains(t)).toList();
    List<String> logged =
        new ArrayList<>(logs().lines().subList(logsBefore, logs().lines().size()));
    List<String> otherLogs = deployment().logLines();
    logged.addAll(otherLogs.subList(Math.min(otherLogsBefore, otherLogs.size()), otherLogs.size()));
    for (Account reporter : reporters) {
      assertThat(written)
          .as("written while %s reported", reporter.handle())
          .filteredOn(t -> t.contains(reporter.userId()) || t.contains(reporter.handle()))
          .allMatch(t -> SESSION_ENTRY.matcher(t).find() || namesEveryone(t, members));
      assertThat(logged)
          .as("logged while %s reported", reporter.handle())
          .noneMatch(l -> l.contains(reporter.userId()) || l.contains(reporter.handle()));
    }
    assertThat(deployment().storedTexts())
        .as("nothing stored names both the message and a reporter")
        .noneMatch(
            t ->
                t.contains(reported.messageId())
                    && reporters.stream().anyMatch(r -> t.contains(r.userId())));
  }

  // ------------------------------------------------------------------ the observer's view

  /** The story of {@link #anObserverCannotTellWhoUnsentWhoReportedOrWhoIsMuted}, as seen. */
  private String observeCircle(int culpritPlace) {
    Account owner = user("owner");
    Account first = user("first");
    Account second = user("second");
    Account watcher = user("watcher");
    String groupId = createGroup(owner, "circle", List.of(first, second, watcher));
    Account culprit = culpritPlace == 1 ? first : second;
    Account other = culpritPlace == 1 ? second : first;
    Map<String, String> names = new LinkedHashMap<>();
    names.put(groupId, "GROUP");
    List<Account> places = List.of(owner, first, second, watcher);
    for (int i = 0; i < places.size(); i++) {
      names.put(places.get(i).userId(), "USER" + i);
      names.put(places.get(i).handle(), "HANDLE" + i);
    }
    try (ChatSocket watching = api().connect(watcher.token());
        ChatSocket owning = api().connect(owner.token());
        ChatSocket culprits = api().connect(culprit.token());
        ChatSocket others = api().connect(other.token())) {
      List<Sent> sent =
          List.of(
              sent(culprit, groupId, "one"),
              sent(other, groupId, "two"),
              sent(culprit, groupId, "three"),
              sent(other, groupId, "four"));
      for (int i = 0; i < sent.size(); i++) {
        names.put(sent.get(i).messageId(), "MESSAGE" + (i + 1));
      }
      assertThat(unsend(culprit, groupId, sent.get(0).messageId()).status()).isEqualTo(204);
      assertThat(mute(owner, groupId, sent.get(2).messageId(), 60).status()).isEqualTo(204);
      assertThat(report(culprit, groupId, sent.get(3).messageId()).status()).isEqualTo(202);
      assertThat(report(owner, groupId, sent.get(3).messageId()).status()).isEqualTo(202);
      Sent fifth = sent(other, groupId, "five");
      names.put(fifth.messageId(), "MESSAGE5");
      assertProblem(postMessage(culprit, groupId, "six", null), 403, "muted");
      for (ChatSocket socket : List.of(watching, owning)) {
        socket.await(f -> f.path("seq").asLong() == fifth.seq(), WAIT);
        socket.awaitFrames("unsent", groupId, 1, WAIT);
        socket.awaitFrames("hidden", groupId, 1, WAIT);
      }

      StringBuilder seen = new StringBuilder();
      for (Account looking : List.of(watcher, owner)) {
        ChatSocket socket = looking == watcher ? watching : owning;
        seen.append("\n== ").append(looking == watcher ? "watcher" : "owner");
        seen.append("\nframes: ");
        socket.rawFrames().stream()
            .filter(f -> !f.contains("\"type\":\"presence\""))
            .forEach(f -> seen.append(f).append(' '));
        seen.append("\ngroup: ").append(api().get("/v1/groups/" + groupId, looking.token()).text());
        seen.append("\nhistory: ").append(history(looking, groupId, "").toString());
        seen.append("\nafter 2: ").append(history(looking, groupId, "?after=2").toString());
        seen.append("\npresence: ").append(api().get(presence(groupId), looking.token()).text());
        seen.append("\nmine: ").append(api().get("/v1/me", looking.token()).text());
      }
      for (ChatSocket socket : List.of(watching, owning)) {
        assertThat(socket.frames("presence", groupId))
            .allSatisfy(
                f ->
                    assertThat(fieldNames(f))
                        .containsExactly("type", "groupId", "online", "members"));
      }
      String text = seen.toString();
      for (Map.Entry<String, String> name : names.entrySet()) {
        text = text.replace(name.getKey(), name.getValue());
      }
      return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "TIME");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A cache entry of a caller's own session, profile or connections: it names them by design. */
  Pattern SESSION_ENTRY = Pattern.compile("(^|:)(tok|usr|con):");

  private static boolean namesEveryone(String text, List<Account> members) {
    return members.stream().allMatch(m -> text.contains(m.userId()));
  }
}
