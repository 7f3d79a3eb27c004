package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety of the durable default, with a real process and a real SIGKILL, several times over:
 * clients post steadily (and one keeps founding groups) while the server is killed at a random
 * moment; then, with the server down, the file is checked directly (integrity, nothing half
 * written), and after a restart on the same data directory through the API (every acknowledged post
 * is there, no seq reused, retries of the posts that were in flight are recognised or stored once).
 */
class SqliteCrashTest {
  private static final Logger log = LoggerFactory.getLogger(SqliteCrashTest.class);
  private static final int KILLS = 5;
  private static final int POSTERS = 3;

  @TempDir Path dir;

  /** A post the server answered 201 or 200. */
  private record Acked(String groupId, long seq, String messageId, String body) {}

  /** A post that was sent and not answered: the kill came first. */
  private record InFlight(Account sender, String groupId, String clientMessageId, String body) {}

  private final Map<String, Map<Long, String>> idBySeq = new ConcurrentHashMap<>();
  private final List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
  private final List<InFlight> inFlight = Collections.synchronizedList(new ArrayList<>());
  private final List<String> groupsFounded = Collections.synchronizedList(new ArrayList<>());
  private final Map<Integer, Integer> retryAnswers = new ConcurrentHashMap<>();

  @Test
  void aKilledServerLosesNoAcknowledgedPostReusesNoSeqAndLeavesNothingHalfWritten()
      throws Exception {
    Path data = dir.resolve("data");
    Path stderr = dir.resolve("stderr.txt");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    log.info("event=crash_test seed={}", seed);
    List<Account> posters = new ArrayList<>();
    Account founder;
    List<String> groups = new ArrayList<>();
    try (ServerProcess server = start(data, stderr)) {
      ChatClient api = new ChatClient(server.base());
      for (int i = 0; i < POSTERS; i++) {
        posters.add(api.signUp("poster" + i, "correct horse"));
      }
      founder = api.signUp("founder", "correct horse");
      for (int g = 0; g < 2; g++) {
        groups.add(
            api.post(
                    "/v1/groups",
                    posters.get(0).token(),
                    "{\"name\":\"g" + g + "\",\"members\":[\"poster1\",\"poster2\",\"founder\"]}")
                .json()
                .get("groupId")
                .asText());
      }
      server.stop();
    }

    List<String> report = new ArrayList<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      try (ServerProcess server = start(data, stderr)) {
        ChatClient api = new ChatClient(server.base());
        int retried = retryInFlight(api);
        verifyThroughTheApi(api, posters.get(0), founder, groups);
        int before = acked.size();

        List<Thread> clients = new ArrayList<>();
        int k = kill;
        for (int p = 0; p < POSTERS; p++) {
          Account poster = posters.get(p);
          clients.add(new Thread(() -> post(api, poster, groups, "k" + k + "-" + poster.handle())));
        }
        clients.add(new Thread(() -> found(api, founder, "k" + k)));
        clients.forEach(Thread::start);
        await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() - before >= 30);
        Thread.sleep(random.nextInt(700));
        server.kill();
        for (Thread client : clients) {
          client.join(60_000);
          assertThat(client.isAlive()).isFalse();
        }
        report.add(
            "kill "
                + kill
                + ": "
                + (acked.size() - before)
                + " posts acknowledged, "
                + inFlight.size()
                + " in flight, "
                + retried
                + " retried after the previous kill");
      }
      verifyTheFile(data, groups);
    }
    try (ServerProcess server = start(data, stderr)) {
      ChatClient api = new ChatClient(server.base());
      retryInFlight(api);
      verifyThroughTheApi(api, posters.get(0), founder, groups);
    }
    report.forEach(line -> log.info("event=crash_round {}", line));
    log.info(
        "event=crash_test_done kills={} acknowledged={} groups_founded={}"
            + " retries_found_stored={} retries_stored_now={}",
        KILLS,
        acked.size(),
        groupsFounded.size(),
        retryAnswers.getOrDefault(200, 0),
        retryAnswers.getOrDefault(201, 0));
  }

  /**
   * The server on {@code data}, with the limits on posting and on groups owned and joined turned
   * off: the clients post and found groups as fast as they can until the kill, and a fast machine
   * would otherwise reach a limit first (the founder once founded over 100 groups in five rounds).
   */
  private static ServerProcess start(Path data, Path stderr) throws IOException {
    return ServerProcess.start(
        stderr,
        Map.of(),
        "--data-dir",
        data.toString(),
        "--post-limit",
        "0",
        "--groups-owned-per-user",
        "0",
        "--groups-joined-per-user",
        "0");
  }

  /** Posts until the server stops answering; every answer is recorded, every silence too. */
  private void post(ChatClient api, Account poster, List<String> groups, String prefix) {
    for (int i = 0; ; i++) {
      String group = groups.get(i % groups.size());
      String clientId = prefix + "-" + i;
      String body = "body " + clientId;
      Reply reply;
      try {
        reply =
            api.post(
                "/v1/groups/" + group + "/messages",
                poster.token(),
                "{\"body\":\"" + body + "\",\"clientMessageId\":\"" + clientId + "\"}");
      } catch (RuntimeException e) {
        inFlight.add(new InFlight(poster, group, clientId, body));
        return;
      }
      assertThat(reply.status()).as(reply.text()).isEqualTo(201);
      record(group, reply, body);
    }
  }

  private void found(ChatClient api, Account founder, String prefix) {
    for (int i = 0; ; i++) {
      Reply reply;
      try {
        reply =
            api.post(
                "/v1/groups",
                founder.token(),
                "{\"name\":\"" + prefix + "-" + i + "\",\"members\":[\"poster0\",\"poster1\"]}");
      } catch (RuntimeException e) {
        return;
      }
      assertThat(reply.status()).as(reply.text()).isEqualTo(201);
      groupsFounded.add(reply.json().get("groupId").asText());
    }
  }

  private void record(String group, Reply reply, String body) {
    long seq = reply.json().get("seq").asLong();
    String id = reply.json().get("messageId").asText();
    String earlier =
        idBySeq.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).putIfAbsent(seq, id);
    assertThat(earlier).as("seq %d of %s answered for two messages", seq, group).isIn(null, id);
    acked.add(new Acked(group, seq, id, body));
  }

  /** The posts the kill interrupted, sent again: stored once, whether or not the first got in. */
  private int retryInFlight(ChatClient api) {
    List<InFlight> pending;
    synchronized (inFlight) {
      pending = List.copyOf(inFlight);
      inFlight.clear();
    }
    for (InFlight post : pending) {
      Reply reply =
          api.post(
              "/v1/groups/" + post.groupId() + "/messages",
              post.sender().token(),
              "{\"body\":\""
                  + post.body()
                  + "\",\"clientMessageId\":\""
                  + post.clientMessageId()
                  + "\"}");
      assertThat(reply.status()).as(reply.text()).isIn(200, 201);
      retryAnswers.merge(reply.status(), 1, Integer::sum);
      record(post.groupId(), reply, post.body());
    }
    return pending.size();
  }

  private void verifyThroughTheApi(
      ChatClient api, Account reader, Account founder, List<String> groups) {
    for (String group : groups) {
      JsonNode window = api.get("/v1/groups/" + group + "/messages", reader.token()).json();
      long oldest = window.get("oldestSeq").asLong();
      long latest = window.get("latestSeq").asLong();
      Map<Long, JsonNode> bySeq = new HashMap<>();
      long expected = oldest;
      java.util.Set<String> bodies = new java.util.HashSet<>();
      for (JsonNode m : window.get("messages")) {
        assertThat(bodies.add(m.get("body").asText()))
            .as("one post stored twice (a retry not recognised): %s", m.get("body"))
            .isTrue();
        assertThat(m.get("seq").asLong())
            .as("seqs without holes in %s", group)
            .isEqualTo(expected++);
        bySeq.put(m.get("seq").asLong(), m);
      }
      synchronized (acked) {
        for (Acked a : acked) {
          if (!a.groupId().equals(group)) {
            continue;
          }
          assertThat(latest)
              .as("an acknowledged seq is at most the latest")
              .isGreaterThanOrEqualTo(a.seq());
          if (a.seq() >= oldest) {
            JsonNode m = bySeq.get(a.seq());
            assertThat(m).as("acknowledged seq %d of %s", a.seq(), group).isNotNull();
            assertThat(m.get("messageId").asText()).isEqualTo(a.messageId());
            assertThat(m.get("body").asText()).isEqualTo(a.body());
          }
        }
      }
      Map<Long, String> seen = idBySeq.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
      bySeq.forEach(
          (seq, m) -> {
            String earlier = seen.putIfAbsent(seq, m.get("messageId").asText());
            assertThat(earlier)
                .as("seq %d of %s reused", seq, group)
                .isIn(null, m.get("messageId").asText());
          });
    }
    JsonNode mine = api.get("/v1/groups", founder.token()).json().get("groups");
    List<String> visible = new ArrayList<>();
    mine.forEach(g -> visible.add(g.get("groupId").asText()));
    synchronized (groupsFounded) {
      assertThat(visible).as("every acknowledged group is there").containsAll(groupsFounded);
    }
  }

  /** With the server down: the file is whole, and no row is without what must come with it. */
  private static void verifyTheFile(Path data, List<String> groups) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      assertThat(single(s, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(single(s, "SELECT count(*) FROM pragma_foreign_key_check")).isEqualTo("0");
      assertThat(
              single(
                  s,
                  "SELECT count(*) FROM groups g WHERE NOT EXISTS"
                      + " (SELECT 1 FROM members m WHERE m.group_id = g.group_id AND m.user_id = g.owner_id)"))
          .as("groups without their owner's membership row")
          .isEqualTo("0");
      assertThat(
              single(
                  s,
                  "SELECT count(*) FROM groups g WHERE (SELECT count(*) FROM members m"
                      + " WHERE m.group_id = g.group_id) = 0"))
          .isEqualTo("0");
      assertThat(
              single(
                  s,
                  "SELECT count(*) FROM members m WHERE NOT EXISTS"
                      + " (SELECT 1 FROM groups g WHERE g.group_id = m.group_id)"))
          .as("membership rows of no group")
          .isEqualTo("0");
      assertThat(
              single(
                  s,
                  "SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM"
                      + " log_counters c WHERE c.group_id = m.group_id AND c.last_seq >= m.seq)"))
          .as("messages beyond their group's counter: a seq that could be handed out again")
          .isEqualTo("0");
      assertThat(
              single(
                  s,
                  "SELECT count(*) FROM log_counters c WHERE c.last_seq <> (SELECT"
                      + " max(seq) FROM messages m WHERE m.group_id = c.group_id)"))
          .as("counters ahead of their newest message: a seq used up by nothing")
          .isEqualTo("0");
      for (String group : groups) {
        assertThat(
                single(
                    s,
                    "SELECT count(*) FROM messages WHERE group_id = '"
                        + group
                        + "'"
                        + " AND seq <= (SELECT last_seq - 100 FROM log_counters WHERE group_id = '"
                        + group
                        + "')"))
            .as("messages the window should have evicted")
            .isEqualTo("0");
      }
    }
  }

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
