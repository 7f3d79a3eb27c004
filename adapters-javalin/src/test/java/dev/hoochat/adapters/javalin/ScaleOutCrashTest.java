package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three standalone nodes as separate JVMs on one dynalite table and one Redis, and one of them
 * killed with SIGKILL while members post (docs/scale-out.md): the members on the other nodes lose
 * nothing and see nothing out of order; the dead node's connections leave the registry once its
 * heartbeat runs out; its member reconnects to another node and, catching up with {@code after},
 * ends up with every message exactly once.
 */
class ScaleOutCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern NODE = Pattern.compile("event=node_started node=(\\S+)");

  @TempDir Path dir;

  @Test
  void aKilledNodeCostsTheOthersNothingAndItsMembersCatchUpElsewhere() throws Exception {
    URI endpoint = DynaliteLauncher.shared().endpoint();
    ServerConfig config = DynaliteTables.serverOn(endpoint).build();
    try (RedisTestServer redis = RedisTestServer.startLocal()) {
      Map<String, String> env =
          Map.of(
              "HOOCHAT_TOKEN_KEY", config.tokenKey().orElseThrow(),
              "HOOCHAT_SENDER_KEY", config.senderKey().orElseThrow());
      List<ServerProcess> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          nodes.add(
              ServerProcess.start(
                  dir.resolve("stderr-" + i + ".txt"),
                  env,
                  "--store",
                  "dynamodb",
                  "--dynamodb-endpoint",
                  endpoint.toString(),
                  "--dynamodb-table",
                  config.dynamoDbTable(),
                  "--cache",
                  "redis",
                  "--redis-url",
                  redis.url(),
                  "--backplane",
                  "redis",
                  "--post-limit",
                  "0"));
        }
        List<ChatClient> node = nodes.stream().map(n -> new ChatClient(n.base())).toList();
        Account alice = node.get(0).signUp("alice", "correct horse");
        Account bob = node.get(1).signUp("bob", "correct horse");
        Account carol = node.get(2).signUp("carol", "correct horse");
        Reply created =
            node.get(0)
                .post(
                    "/v1/groups",
                    alice.token(),
                    "{\"name\":\"crash\",\"members\":[\"bob\",\"carol\"]}");
        String group = created.json().get("groupId").asText();
        ChatSocket aliceSocket = node.get(0).connect(alice.token());
        ChatSocket bobSocket = node.get(1).connect(bob.token());
        ChatSocket carolSocket = node.get(2).connect(carol.token());

        // Alice and Bob post steadily through nodes 0 and 1 while node 2 is killed.
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger acked = new AtomicInteger();
        Thread poster =
            new Thread(
                () -> {
                  for (int i = 0; posting.get(); i++) {
                    Account who = i % 2 == 0 ? alice : bob;
                    Reply reply =
                        node.get(i % 2)
                            .post(
                                "/v1/groups/" + group + "/messages",
                                who.token(),
                                "{\"body\":\"steady " + i + "\"}");
                    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
                    acked.incrementAndGet();
                  }
                });
        poster.start();
        await().atMost(WAIT).until(() -> acked.get() >= 10);
        String deadNode = nodeIdOf(nodes.get(2));
        nodes.get(2).kill();
        long carolLast = lastSeq(carolSocket.messages(group));
        await().atMost(WAIT).until(() -> acked.get() >= 40);

        // Carol's client sees its socket drop, reconnects to another node and catches up.
        ChatSocket carolAgain = node.get(0).connect(carol.token());
        JsonNode missed =
            node.get(0)
                .get("/v1/groups/" + group + "/messages?after=" + carolLast, carol.token())
                .json();
        await().atMost(WAIT).until(() -> acked.get() >= 60);
        posting.set(false);
        poster.join(WAIT.toMillis());
        int total = acked.get();

        for (ChatSocket survivor : List.of(aliceSocket, bobSocket)) {
          List<Long> seqs = seqs(survivor.awaitMessages(group, total, WAIT));
          assertThat(seqs).as("pushes to a member on a surviving node").isEqualTo(range(1, total));
        }
        carolAgain.awaitMessages(group, 1, WAIT);
        await().atMost(WAIT).until(() -> lastSeq(carolAgain.messages(group)) == total);
        // The client's merge: what it had, what `after` returned, the pushes after those.
        List<Long> carolHas = new ArrayList<>(seqs(carolSocket.messages(group)));
        for (JsonNode m : missed.get("messages")) {
          carolHas.add(m.get("seq").asLong());
        }
        long caughtUpTo = carolHas.get(carolHas.size() - 1);
        for (long seq : seqs(carolAgain.messages(group))) {
          if (seq > caughtUpTo) {
            carolHas.add(seq);
          }
        }
        assertThat(carolHas).as("Carol's messages after reconnecting").isEqualTo(range(1, total));
        assertThat(new TreeSet<>(carolHas)).hasSize(total);

        // The dead node's connections leave the registry once its heartbeat has run out.
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    DynaliteTables.scan(endpoint, config.dynamoDbTable()).stream()
                        .noneMatch(
                            item ->
                                item.contains(deadNode + "~")
                                    || item.contains("NODE#" + deadNode)));
        aliceSocket.close();
        bobSocket.close();
        carolAgain.close();
      } finally {
        for (ServerProcess process : nodes) {
          process.close();
        }
      }
    }
  }

  private static String nodeIdOf(ServerProcess process) throws Exception {
    String stderr = await().atMost(WAIT).until(process::stderr, text -> NODE.matcher(text).find());
    Matcher matcher = NODE.matcher(stderr);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private static long lastSeq(List<JsonNode> messages) {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).get("seq").asLong();
  }

  private static List<Long> seqs(List<JsonNode> messages) {
    return messages.stream().map(m -> m.get("seq").asLong()).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> all = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      all.add(s);
    }
    return all;
  }
}
