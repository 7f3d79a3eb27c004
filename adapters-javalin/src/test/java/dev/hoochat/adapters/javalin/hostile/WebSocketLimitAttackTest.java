package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client: one user opens WebSockets without end (2,000 before the limit existed). On the
 * default limit of 20, the 21st upgrade is refused with 429, even when forty arrive at once, while
 * another user connects and is served, and the first user's open sockets keep working.
 */
class WebSocketLimitAttackTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private StandaloneDeployment server;
  private ChatClient api;
  private final List<ChatSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .passwordIterations(1_000)
                .postsPerMinute(0)
                .build());
    api = new ChatClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    sockets.forEach(ChatSocket::close);
    server.close();
  }

  @Test
  void theTwentyFirstSocketOfOneUserIsRefusedWhileAnotherUserIsServed() {
    Account mallory = api.signUp("mallory", "correct horse");
    Account bob = api.signUp("bob", "correct horse");
    String group = createGroup(mallory, bob);
    for (int i = 0; i < 20; i++) {
      sockets.add(api.connect(mallory.token()));
    }

    for (int attempt = 0; attempt < 30; attempt++) {
      assertRefusedWith429(catchThrowable(() -> sockets.add(api.connect(mallory.token()))));
    }
    ChatSocket bobs = api.connect(bob.token());
    sockets.add(bobs);
    assertThat(
            api.post(
                    "/v1/groups/" + group + "/messages",
                    bob.token(),
                    "{\"body\":\"still here\",\"clientMessageId\":\"c-1\"}")
                .status())
        .isEqualTo(201);

    bobs.awaitMessages(group, 1, WAIT);
    for (ChatSocket socket : sockets.subList(0, 20)) {
      assertThat(socket.awaitMessages(group, 1, WAIT).get(0).get("body").asText())
          .isEqualTo("still here");
    }
  }

  @Test
  void closingASocketMakesRoomForExactlyOneMore() {
    Account alice = api.signUp("alice", "correct horse");
    for (int i = 0; i < 20; i++) {
      sockets.add(api.connect(alice.token()));
    }
    ChatSocket first = sockets.remove(0);
    first.close();
    first.awaitClose(WAIT);

    ChatSocket replacement = awaitAccepted(alice.token());
    sockets.add(replacement);
    assertRefusedWith429(catchThrowable(() -> api.connect(alice.token())));
  }

  @Test
  void fortySimultaneousUpgradesLeaveAtMostTwentyOpen() throws Exception {
    Account mallory = api.signUp("mallory", "correct horse");
    ExecutorService pool = Executors.newFixedThreadPool(40);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ChatSocket>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return api.connect(mallory.token());
                  } catch (ChatClient.ConnectRefused e) {
                    assertRefusedWith429(e);
                    return null;
                  }
                }));
      }
      go.countDown();
      for (Future<ChatSocket> attempt : attempts) {
        ChatSocket socket = attempt.get(60, TimeUnit.SECONDS);
        if (socket != null) {
          sockets.add(socket);
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(sockets).hasSizeLessThanOrEqualTo(20);
    Account bob = api.signUp("bob", "correct horse");
    sockets.add(api.connect(bob.token()));
  }

  private ChatSocket awaitAccepted(String token) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return api.connect(token);
      } catch (ChatClient.ConnectRefused e) {
        // the server unregisters the closed socket once its close arrives
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private static void assertRefusedWith429(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ChatClient.ConnectRefused.class);
    assertThat(thrown.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    WebSocketHandshakeException refusal = (WebSocketHandshakeException) thrown.getCause();
    assertThat(refusal.getResponse().statusCode()).isEqualTo(429);
    Object body = refusal.getResponse().body();
    if (body instanceof String text && !text.isBlank()) {
      JsonNode problem = parse(text);
      assertThat(problem.get("code").asText()).isEqualTo("too_many_connections");
    }
  }

  private static JsonNode parse(String text) {
    try {
      return ChatClient.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private String createGroup(Account owner, Account member) {
    ChatClient.Reply created =
        api.post(
            "/v1/groups",
            owner.token(),
            "{\"name\":\"g\",\"members\":[\"" + member.handle() + "\"]}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("groupId").asText();
  }
}
