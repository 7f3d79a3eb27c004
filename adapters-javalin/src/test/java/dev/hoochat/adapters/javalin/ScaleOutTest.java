package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.boot.HooChatServer;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.wiring.BackplaneChoice;
import dev.hoochat.wiring.CacheChoice;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several standalone nodes on one table (docs/scale-out.md), in this JVM: delivery and order across
 * nodes (messages and group events), what crosses Redis, the refusal to start beside a node without
 * a backplane, and Redis stopped and frozen under live sockets. (Nodes killed with SIGKILL: {@link
 * ScaleOutCrashTest}.)
 */
class ScaleOutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Issue 11 as reported: one member per node, five posts through alternate nodes. */
  @Test
  void everyMemberOnEveryNodeReceivesEveryMessageInSeqOrderWhicheverNodesPostedThem()
      throws Exception {
    try (ScaledOutDeployment deployment = ScaledOutDeployment.start(3)) {
      List<ChatClient> node = clients(deployment);
      List<Account> people = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        people.add(node.get(i).signUp(handle("m" + i), "correct horse"));
      }
      String group = group(node.get(0), people);
      List<ChatSocket> sockets = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sockets.add(node.get(i).connect(people.get(i).token()));
      }
      for (int i = 0; i < 5; i++) {
        post(node.get(i % 2), people.get(i % 3), group, "alternate " + i);
      }
      for (ChatSocket socket : sockets) {
        assertThat(seqs(socket.awaitMessages(group, 5, WAIT))).containsExactly(1L, 2L, 3L, 4L, 5L);
      }
      // Now all three post at once, each through its own node: 3 × 15 more.
      ExecutorService posters = Executors.newFixedThreadPool(3);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        int who = p;
        done.add(
            posters.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    post(node.get(who), people.get(who), group, "busy " + who + " " + i);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      posters.shutdown();
      List<Long> all = new ArrayList<>();
      for (long s = 1; s <= 50; s++) {
        all.add(s);
      }
      for (ChatSocket socket : sockets) {
        assertThat(seqs(socket.awaitMessages(group, 50, WAIT))).isEqualTo(all);
      }
      // mine is right on every node: each member's own 5 + 15 - and only those.
      for (int i = 0; i < 3; i++) {
        long mine =
            sockets.get(i).messages(group).stream().filter(m -> m.get("mine").asBoolean()).count();
        assertThat(mine).as("member %d's own messages", i).isEqualTo(i < 2 ? 17 : 16);
      }
      sockets.forEach(ChatSocket::close);
    }
  }

  /**
   * Group events cross nodes as messages do: a presence change made on one node reaches a member on
   * another, and an unsend made on one node reaches a member on another — after the message it
   * takes back, and on the unsender's own node too.
   */
  @Test
  void unsendAndPresenceReachMembersOnOtherNodesAfterTheMessageTheyReferTo() {
    try (ScaledOutDeployment deployment = ScaledOutDeployment.start(3)) {
      List<ChatClient> node = clients(deployment);
      Account alice = node.get(0).signUp(handle("alice"), "correct horse");
      Account bob = node.get(1).signUp(handle("bob"), "correct horse");
      Account carol = node.get(2).signUp(handle("carol"), "correct horse");
      String group = group(node.get(0), List.of(alice, bob, carol));

      ChatSocket aliceSocket = node.get(0).connect(alice.token());
      // Bob comes online on node 1: alice, on node 0, is told the count.
      ChatSocket bobSocket = node.get(1).connect(bob.token());
      JsonNode presence =
          aliceSocket.await(
              f -> "presence".equals(f.path("type").asText()) && group.equals(groupOf(f)), WAIT);
      assertThat(presence.get("online").asInt()).isEqualTo(2);
      assertThat(presence.get("members").asInt()).isEqualTo(3);
      ChatSocket carolSocket = node.get(2).connect(carol.token());

      // Alice posts through node 0 and takes it back through node 2 (through the core: the
      // REST endpoint for unsend is not in the endpoint table yet).
      Reply posted =
          node.get(0)
              .post("/v1/groups/" + group + "/messages", alice.token(), "{\"body\":\"oops\"}");
      assertThat(posted.status()).isEqualTo(201);
      String messageId = posted.json().get("messageId").asText();
      Chat third = deployment.nodes().get(2).server().chat();
      third
          .unsendMessage()
          .unsend(
              third.authenticate().authenticate(alice.token()),
              new GroupId(group),
              new MessageId(messageId));

      for (ChatSocket socket : List.of(aliceSocket, bobSocket, carolSocket)) {
        JsonNode event =
            socket.await(
                f -> "unsent".equals(f.path("type").asText()) && group.equals(groupOf(f)), WAIT);
        assertThat(event.get("messageId").asText()).isEqualTo(messageId);
        assertThat(event.get("seq").asLong()).isEqualTo(1L);
        List<String> order =
            socket.frames().stream()
                .filter(f -> f != null && group.equals(groupOf(f)))
                .map(f -> f.path("type").asText())
                .filter(t -> t.equals("message") || t.equals("unsent"))
                .toList();
        assertThat(order).containsExactly("message", "unsent");
      }
      List.of(aliceSocket, bobSocket, carolSocket).forEach(ChatSocket::close);
    }
  }

  private static String groupOf(JsonNode frame) {
    return frame.path("groupId").asText();
  }

  /**
   * What crosses Redis is the message as stored and the ids of the receiving node's sockets:
   * captured by a subscriber of that Redis, every message's frames — channel, size and every field
   * but the message's own values — are the same whoever sent it, and none names a user.
   */
  @Test
  void theBackplaneCarriesNothingThatTellsTheSender() {
    try (ScaledOutDeployment deployment = ScaledOutDeployment.start(3)) {
      List<ChatClient> node = clients(deployment);
      List<Account> senders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        senders.add(node.get(i).signUp(handle("s" + i), "correct horse"));
      }
      Account observer = node.get(0).signUp(handle("obs"), "correct horse");
      List<Account> everyone = new ArrayList<>(senders);
      everyone.add(observer);
      String group = group(node.get(0), everyone);
      List<ChatSocket> sockets = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        // sender i holds i + 1 sockets, spread over the nodes
        for (int n = 0; n <= i; n++) {
          sockets.add(node.get((i + n) % 3).connect(senders.get(i).token()));
        }
      }
      sockets.add(node.get(1).connect(observer.token()));
      int[] order = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1, 1, 0, 2};
      Map<String, Integer> senderOfMessage = new HashMap<>();
      for (int i = 0; i < order.length; i++) {
        Reply reply =
            node.get(i % 3)
                .post(
                    "/v1/groups/" + group + "/messages",
                    senders.get(order[i]).token(),
                    "{\"body\":\"words " + (100 + i) + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        int count = i + 1;
        sockets.forEach(s -> s.awaitMessages(group, count, WAIT));
        if (i >= 9) {
          senderOfMessage.put(reply.json().get("messageId").asText(), order[i]);
        }
      }
      Map<String, List<String>> framesOf = new HashMap<>();
      for (Map.Entry<String, String> published : deployment.published()) {
        String id = field(published.getValue(), "id");
        if (senderOfMessage.containsKey(id)) {
          framesOf
              .computeIfAbsent(id, k -> new ArrayList<>())
              .add(
                  published.getKey()
                      + " bytes="
                      + published.getValue().length()
                      + " "
                      + blanked(published.getValue()));
        }
      }
      Map<String, Set<Integer>> sendersBySeen = new HashMap<>();
      framesOf.forEach(
          (id, frames) ->
              sendersBySeen
                  .computeIfAbsent(
                      frames.stream().sorted().toList().toString(), k -> new HashSet<>())
                  .add(senderOfMessage.get(id)));
      assertThat(framesOf).hasSize(12);
      assertThat(sendersBySeen)
          .as("what crossed Redis, with the senders it belonged to")
          .hasSize(1);
      assertThat(sendersBySeen.values().iterator().next()).containsExactlyInAnyOrder(0, 1, 2);
      for (Map.Entry<String, String> published : deployment.published()) {
        for (Account someone : everyone) {
          assertThat(published.getValue())
              .doesNotContain(someone.userId())
              .doesNotContain(someone.handle());
        }
        assertThat(published.getValue()).doesNotContain("mine");
      }
      sockets.forEach(ChatSocket::close);
    }
  }

  @Test
  void aServerWithoutABackplaneRefusesToStartBesideALiveNode() {
    ServerConfig alone = DynaliteTables.serverOn(DynaliteLauncher.shared().endpoint()).build();
    try (HooChatServer first = HooChatServer.start(alone)) {
      assertThatThrownBy(() -> HooChatServer.start(alone))
          .isInstanceOf(HooChatServer.StartupException.class)
          .hasMessageContaining("another HooChat server")
          .hasMessageContaining("is live on DynamoDB table " + alone.dynamoDbTable())
          .hasMessageContaining("--backplane redis")
          .hasMessageNotContaining("\n");
      try (RedisTestServer redis = RedisTestServer.startLocal()) {
        ServerConfig withBackplane =
            alone.toBuilder()
                .backplane(BackplaneChoice.REDIS)
                .cache(CacheChoice.REDIS)
                .redisUrl(URI.create(redis.url()))
                .build();
        assertThatThrownBy(() -> HooChatServer.start(withBackplane))
            .hasMessageContaining("--backplane none");
        // A cache in each process would keep serving memberships another node changed.
        assertThatThrownBy(
                () ->
                    HooChatServer.start(
                        withBackplane.toBuilder().cache(CacheChoice.MEMORY).build()))
            .hasMessageContaining("--backplane redis needs a cache the servers share");
      }
      assertThat(first.chat()).isNotNull();
    }
    // The first left cleanly (its heartbeat is gone): the next one starts at once.
    HooChatServer.start(alone).close();
    assertThatThrownBy(
            () ->
                HooChatServer.start(
                    ServerConfig.embedded().toBuilder().backplane(BackplaneChoice.REDIS).build()))
        .hasMessage(
            "--backplane redis needs --store dynamodb: the memory store lives in one process,"
                + " so it runs one server");
  }

  @Test
  void whileRedisIsStoppedSocketsAreRestartedAndRefusedThenDeliveryResumesWithNothingLost() {
    try (ScaledOutDeployment deployment = ScaledOutDeployment.start(2)) {
      outageAndRecovery(deployment, deployment.redis()::stop, deployment.redis()::startAgain);
    }
  }

  @Test
  void whileRedisIsFrozenSocketsAreRestartedAndRefusedThenDeliveryResumesWithNothingLost() {
    try (ScaledOutDeployment deployment = ScaledOutDeployment.start(2)) {
      outageAndRecovery(deployment, deployment.redis()::freeze, deployment.redis()::thaw);
    }
  }

  private static void outageAndRecovery(
      ScaledOutDeployment deployment, Runnable breakRedis, Runnable mendRedis) {
    List<ChatClient> node = clients(deployment);
    Account alice = node.get(0).signUp(handle("alice"), "correct horse");
    Account bob = node.get(1).signUp(handle("bob"), "correct horse");
    String group = group(node.get(0), List.of(alice, bob));
    ChatSocket aliceSocket = node.get(0).connect(alice.token());
    ChatSocket bobSocket = node.get(1).connect(bob.token());
    post(node.get(0), alice, group, "before");
    assertThat(seqs(bobSocket.awaitMessages(group, 1, WAIT))).containsExactly(1L);
    aliceSocket.awaitMessages(group, 1, WAIT);

    breakRedis.run();
    try {
      // Posted into the outage: stored, but the pushes may not arrive.
      post(node.get(0), alice, group, "during");
      assertThat(aliceSocket.awaitClose(WAIT)).isEqualTo(1012);
      assertThat(bobSocket.awaitClose(WAIT)).isEqualTo(1012);
      for (ChatClient each : node) {
        assertThatThrownBy(() -> each.connect(bob.token()).close())
            .isInstanceOf(ChatClient.ConnectRefused.class);
      }
    } finally {
      mendRedis.run();
    }
    // Bob reconnects as a client does: open a socket, then catch up with after.
    ChatSocket again =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> node.get(1).connect(bob.token()), s -> s != null);
    JsonNode missed =
        node.get(1).get("/v1/groups/" + group + "/messages?after=1", bob.token()).json();
    List<Long> seen = new ArrayList<>(seqs(List.of(missed.get("messages"))));
    post(node.get(0), alice, group, "after");
    again.awaitMessages(group, 1, WAIT);
    again.messages(group).forEach(m -> seen.add(m.get("seq").asLong()));
    assertThat(seen).containsExactly(2L, 3L);
    again.close();
  }

  private static List<ChatClient> clients(ScaledOutDeployment deployment) {
    return deployment.baseUris().stream().map(ChatClient::new).toList();
  }

  private static String handle(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 6);
  }

  private static String group(ChatClient api, List<Account> members) {
    StringBuilder handles = new StringBuilder();
    for (Account member : members.subList(1, members.size())) {
      handles
          .append(handles.length() == 0 ? "" : ",")
          .append('"')
          .append(member.handle())
          .append('"');
    }
    Reply reply =
        api.post(
            "/v1/groups",
            members.get(0).token(),
            "{\"name\":\"scale\",\"members\":[" + handles + "]}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("groupId").asText();
  }

  private static void post(ChatClient api, Account sender, String group, String body) {
    Reply reply =
        api.post(
            "/v1/groups/" + group + "/messages", sender.token(), "{\"body\":\"" + body + "\"}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  private static List<Long> seqs(List<JsonNode> messages) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.isArray()) {
        m.forEach(each -> seqs.add(each.get("seq").asLong()));
      } else {
        seqs.add(m.get("seq").asLong());
      }
    }
    return seqs;
  }

  private static String field(String frame, String name) {
    for (String line : frame.split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }

  /** A frame with the message's own values set aside: what is left is its framing. */
  private static String blanked(String frame) {
    return frame.replaceAll("(?m)^(id|seq|at|body|tag)=.*$", "$1=_");
  }
}
