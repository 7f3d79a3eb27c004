package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of anonymity: no answer, push, cache entry, stored item or log line carries
 * the sender, and an observer of every channel cannot tell who sent each message
 * (docs/anonymity.md).
 */
interface AnonymityScenarios extends ChatScenarios {
  @Test
  default void noAnswerPushCacheEntryStoredItemOrLogLineCarriesTheSender() {
    Account sender = user("whistle");
    Account reader = user("reader");
    String groupId = createGroup(sender, "anon", List.of(reader));
    String body = "secret-" + UUID.randomUUID();
    List<String> seen = new ArrayList<>();
    try (ChatSocket readerSocket = api().connect(reader.token());
        ChatSocket senderSocket = api().connect(sender.token())) {
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
      seen.add(api().get("/v1/groups/" + groupId + "/messages", reader.token()).text());
      seen.add(api().get("/v1/groups/" + groupId + "/messages", sender.token()).text());
      String messageId = posted.json().get("messageId").asText();

      for (String text : seen) {
        assertThat(text)
            .doesNotContain(sender.userId())
            .doesNotContain("\"" + sender.handle() + "\"");
      }
      List<String> stored =
          deployment().storedTexts().stream().filter(t -> t.contains(body)).toList();
      assertThat(stored).as("stored or cached copies of the message").isNotEmpty();
      for (String item : stored) {
        assertThat(item).doesNotContain(sender.userId()).doesNotContain(sender.handle());
      }
      List<String> allLines = new ArrayList<>(logs().lines());
      allLines.addAll(deployment().logLines());
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
  default void anObserverOfEveryChannelCannotTellWhoSentEachMessage() {
    List<Account> senders = users("suspect", 3);
    Account observer = user("observer");
    String groupId =
        createGroup(senders.get(0), "who", List.of(senders.get(1), senders.get(2), observer));
    List<ChatSocket> sockets = new ArrayList<>();
    try (ChatSocket watching = api().connect(observer.token())) {
      List<List<ChatSocket>> socketsOf = new ArrayList<>();
      for (int i = 0; i < senders.size(); i++) {
        List<ChatSocket> own = new ArrayList<>();
        for (int n = 0; n <= i; n++) {
          own.add(api().connect(senders.get(i).token()));
        }
        sockets.addAll(own);
        socketsOf.add(own);
      }
      // Nine posts first (caches filled, and every later seq has two digits, like every id).
      int[] order = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1, 1, 0, 2};
      Map<String, List<Integer>> sendersBySeen = new HashMap<>();
      for (int i = 0; i < order.length; i++) {
        int who = order[i];
        if (i == 9) {
          // The counters are the whole deployment's: let work begun before settle first.
          Counters.awaitStill(deployment(), WAIT);
        }
        Optional<String> before = deployment().metrics();
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
        Optional<String> after = deployment().metrics();
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
                + before
                    .map(b -> Counters.changes(b, after.orElseThrow()).toString())
                    .orElse("none");
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
}
