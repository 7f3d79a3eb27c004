package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of the WebSocket: a message sent over it is acked and pushed, bad frames get
 * error frames, every connected member receives every message once and in order (50 of them,
 * posters on both HTTP and WebSocket), and a removed member receives nothing posted after the
 * removal returned.
 */
interface WebSocketScenarios extends ChatScenarios {
  @Test
  default void aMessageSentOverTheWebSocketIsAckedAndReachesEveryMember() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    try (ChatSocket aliceSocket = api().connect(alice.token());
        ChatSocket bobSocket = api().connect(bob.token())) {
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
  default void aMessagePostedTheMomentASocketOpensReachesIt() {
    Account alice = user("alice");
    Account bob = user("bob");
    String groupId = createGroup(alice, "g", List.of(bob));
    for (int round = 1; round <= 30; round++) {
      try (ChatSocket bobSocket = api().connect(bob.token())) {
        long seq = post(alice, groupId, "round " + round);
        bobSocket.await(
            f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == seq, WAIT);
      }
    }
  }

  @Test
  default void badFramesGetErrorFramesAndTheConnectionKeepsWorking() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());
    try (ChatSocket socket = api().connect(alice.token())) {
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

  /**
   * How long a member may wait for the last of the fifty members' messages: on the shaded Lambda
   * jar every push is its own {@code @connections} call through the local gateway, and the members'
   * presence counts go out the same way while they connect. A bound on waiting, not on speed.
   */
  Duration FIFTY_MEMBERS_WAIT = Duration.ofSeconds(90);

  @Test
  default void fiftyConnectedMembersEachReceiveEveryMessageOnceAndInOrder() throws Exception {
    List<Account> members = users("fan", 50);
    Account owner = members.get(0);
    String groupId = createGroup(owner, "fifty", members.subList(1, 50));
    List<ChatSocket> sockets = new ArrayList<>();
    try {
      for (Account member : members) {
        sockets.add(api().connect(member.token()));
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
        List<JsonNode> received = sockets.get(m).awaitMessages(groupId, total, FIFTY_MEMBERS_WAIT);
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
  default void aRemovedMemberReceivesNothingPostedAfterTheRemovalReturned() throws Exception {
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

    try (ChatSocket victimSocket = api().connect(victim.token());
        ChatSocket witness = api().connect(others.get(0).token())) {
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
                  api().get("/v1/groups/" + groupId, reader.token());
                  api().get("/v1/groups/" + groupId + "/messages?after=0", reader.token());
                }
              });
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> posted.get() >= 20);
        Reply removal =
            api().delete("/v1/groups/" + groupId + "/members/" + victim.userId(), owner.token());
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
          api().get("/v1/groups/" + groupId + "/messages", victim.token()), 404, "group_not_found");
    }
  }
}
