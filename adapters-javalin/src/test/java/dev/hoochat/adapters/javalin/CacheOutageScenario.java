package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.apiclient.PortCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A cache outage while people chat: the cache fails, then hangs, then comes back, under steady
 * posting and reading. Every request must succeed from the store, no message may be lost or
 * duplicated, a member removed during the outage must not be resurrected by an old cache entry once
 * the cache is back, and the cache must be used again without a restart.
 */
abstract class CacheOutageScenario {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Starts the cache server and answers the server configuration that uses it. */
  protected abstract ServerConfig startCache();

  protected abstract void breakCache();

  protected abstract void hangCache();

  protected abstract void repairCache();

  protected abstract void stopCache();

  @Test
  void chatGoesOnFromTheStoreThroughAnOutageAndTheCacheIsUsedAgainAfter() throws Exception {
    ServerConfig config = startCache();
    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            config.toBuilder().postsPerMinute(0).passwordIterations(1_000).build())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account owner = api.signUp("outage_owner", "correct horse");
      Account poster = api.signUp("outage_poster", "correct horse");
      Account witness = api.signUp("outage_witness", "correct horse");
      Account leaver = api.signUp("outage_leaver", "correct horse");
      Reply created =
          api.post(
              "/v1/groups",
              owner.token(),
              "{\"name\":\"storm\",\"members\":[\""
                  + poster.handle()
                  + "\",\""
                  + witness.handle()
                  + "\",\""
                  + leaver.handle()
                  + "\"]}");
      String groupId = created.json().get("groupId").asText();
      String messages = "/v1/groups/" + groupId + "/messages";

      Map<Long, Boolean> postedAfterRemoval = new ConcurrentHashMap<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean removed = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger posted = new AtomicInteger();

      try (ChatSocket witnessSocket = api.connect(witness.token());
          ChatSocket leaverSocket = api.connect(leaver.token())) {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
          for (Account author : List.of(owner, poster)) {
            pool.submit(
                () -> {
                  int i = 0;
                  while (!stop.get()) {
                    boolean after = removed.get();
                    Reply reply = api.post(messages, author.token(), "{\"body\":\"m" + i++ + "\"}");
                    if (reply.status() != 201) {
                      failures.add("post " + reply.status() + " " + reply.text());
                      continue;
                    }
                    postedAfterRemoval.put(reply.json().get("seq").asLong(), after);
                    posted.incrementAndGet();
                  }
                });
          }
          pool.submit(
              () -> {
                while (!stop.get()) {
                  Reply reply = api.get(messages + "?after=0", witness.token());
                  if (reply.status() != 200) {
                    failures.add("read " + reply.status() + " " + reply.text());
                  }
                }
              });

          awaitMorePosts(posted, 20);
          breakCache();
          awaitMorePosts(posted, 20);
          Reply removal =
              api.delete("/v1/groups/" + groupId + "/members/" + leaver.userId(), owner.token());
          assertThat(removal.status()).as(removal.text()).isEqualTo(204);
          removed.set(true);
          awaitMorePosts(posted, 20);
          hangCache();
          awaitMorePosts(posted, 10);
          repairCache();
          awaitMorePosts(posted, 20);

          PortCalls afterRepair = PortCalls.parse(deployment.metrics().orElseThrow());
          await("cache hits once the cache is back")
              .atMost(WAIT)
              .until(
                  () ->
                      PortCalls.parse(deployment.metrics().orElseThrow())
                              .minus(afterRepair)
                              .outcome("cache", "hit")
                          > 0);
          awaitMorePosts(posted, 20);
        } finally {
          stop.set(true);
          pool.shutdown();
          assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).as("requests that failed during the outage").isEmpty();
        long lastSeq =
            postedAfterRemoval.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Long> seen =
            witnessSocket.awaitMessages(groupId, (int) lastSeq, WAIT).stream()
                .map(f -> f.get("seq").asLong())
                .toList();
        assertThat(seen)
            .as("what a member received, in order, once each")
            .hasSize((int) lastSeq)
            .doesNotHaveDuplicates()
            .isSorted();
        List<Long> history =
            api
                .get(messages, witness.token())
                .json()
                .get("messages")
                .findValuesAsText("seq")
                .stream()
                .map(Long::parseLong)
                .toList();
        assertThat(history).hasSize(100).endsWith(lastSeq).isSorted();
        List<Long> leaked =
            leaverSocket.messages(groupId).stream()
                .map(f -> f.get("seq").asLong())
                .filter(seq -> postedAfterRemoval.getOrDefault(seq, false))
                .toList();
        assertThat(leaked)
            .as("messages posted after the removal that reached the removed member")
            .isEmpty();
        assertThat(PortCalls.parse(deployment.metrics().orElseThrow()).outcome("cache", "error"))
            .as("cache errors counted")
            .isPositive();
      }
    } finally {
      stopCache();
    }
  }

  private static void awaitMorePosts(AtomicInteger posted, int more) {
    int target = posted.get() + more;
    await().atMost(WAIT).until(() -> posted.get() >= target);
  }
}
