package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.apiclient.PortCalls;
import dev.hoochat.wiring.CacheChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the cache buys and what the limits protect, read from the outside: {@code /metrics} port
 * counters per posted message, and the posting limit's 429.
 */
class PostingBudgetAndLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void withTheCacheWarmAMessageToFiftyConnectedMembersReadsNothingFromTheStore() {
    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .postsPerMinute(0)
                .passwordIterations(1_000)
                .build())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      List<Account> members = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        members.add(api.signUp("budget_" + i, "correct horse"));
      }
      Account poster = members.get(0);
      String groupId = createGroup(api, poster, members);
      List<ChatSocket> sockets = new ArrayList<>();
      try {
        for (Account member : members) {
          sockets.add(api.connect(member.token()));
        }
        // Connecting 50 members moves the presence count 50 times in well under 2 s: the last
        // count arrives with the trailing push at the end of an interval. Let it, so that the
        // presence reads it makes are not counted against the posts below.
        sockets
            .get(0)
            .await(
                f -> "presence".equals(f.path("type").asText()) && f.path("online").asInt() == 50,
                WAIT);
        warmUp(api, poster, groupId, sockets);
        PortCalls before = PortCalls.parse(deployment.metrics().orElseThrow());

        int messages = 20;
        for (int i = 0; i < messages; i++) {
          sockets
              .get(0)
              .send(
                  "{\"action\":\"sendMessage\",\"groupId\":\""
                      + groupId
                      + "\",\"body\":\"m"
                      + i
                      + "\"}");
        }
        for (ChatSocket socket : sockets) {
          socket.awaitMessages(groupId, 1 + messages, WAIT);
        }
        PortCalls delta = PortCalls.parse(deployment.metrics().orElseThrow()).minus(before);

        assertThat(delta.total("store", "read")).as("store reads").isZero();
        assertThat(delta.total("cache", "read"))
            .as("cache reads: the group (with its mutes), the members' connections")
            .isLessThanOrEqualTo(2L * messages);
        assertThat(delta.total("cache", "write")).as("cache writes").isLessThanOrEqualTo(messages);
        assertThat(delta.total("push", "write")).as("pushes").isEqualTo(50L * messages);
        assertThat(delta.count("store", "messages", "append", "ok")).isEqualTo(messages);

        // Over REST the token comes with every request: its principal and the group are read in
        // one round trip, so a REST post costs what a WebSocket post does, and so does a read.
        String path = "/v1/groups/" + groupId + "/messages";
        PortCalls beforeRest = PortCalls.parse(deployment.metrics().orElseThrow());
        for (int i = 0; i < messages; i++) {
          assertThat(api.post(path, poster.token(), "{\"body\":\"r" + i + "\"}").status())
              .isEqualTo(201);
        }
        for (ChatSocket socket : sockets) {
          socket.awaitMessages(groupId, 1 + 2 * messages, WAIT);
        }
        PortCalls rest = PortCalls.parse(deployment.metrics().orElseThrow()).minus(beforeRest);
        assertThat(rest.total("store", "read")).as("REST: store reads").isZero();
        assertThat(rest.total("cache", "read"))
            .as("REST: cache reads: the principal with the group, the members' connections")
            .isLessThanOrEqualTo(2L * messages);
        assertThat(rest.total("push", "write")).as("REST: pushes").isEqualTo(50L * messages);

        PortCalls beforeRead = PortCalls.parse(deployment.metrics().orElseThrow());
        assertThat(api.get(path, members.get(7).token()).json().get("messages"))
            .hasSize(1 + 2 * messages);
        PortCalls read = PortCalls.parse(deployment.metrics().orElseThrow()).minus(beforeRead);
        assertThat(read.total("cache", "read"))
            .as("a history read: the principal with the group, the window")
            .isEqualTo(2);
      } finally {
        sockets.forEach(ChatSocket::close);
      }
    }
  }

  @Test
  void withoutACacheEveryMessageReadsTheGroupAndTheConnectionsFromTheStore() {
    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .cache(CacheChoice.NONE)
                .postsPerMinute(0)
                .passwordIterations(1_000)
                .build())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      List<Account> members = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        members.add(api.signUp("nocache_" + i, "correct horse"));
      }
      String groupId = createGroup(api, members.get(0), members);
      try (ChatSocket socket = api.connect(members.get(0).token())) {
        warmUp(api, members.get(0), groupId, List.of(socket));
        PortCalls before = PortCalls.parse(deployment.metrics().orElseThrow());
        socket.send("{\"action\":\"sendMessage\",\"groupId\":\"" + groupId + "\",\"body\":\"x\"}");
        socket.awaitMessages(groupId, 2, WAIT);
        PortCalls delta = PortCalls.parse(deployment.metrics().orElseThrow()).minus(before);

        assertThat(delta.count("store", "groups", "findById", "ok")).isEqualTo(1);
        assertThat(delta.count("store", "connections", "connectionsOf", "ok")).isEqualTo(1);
        assertThat(delta.total("cache", "read")).isZero();
      }
    }
  }

  @Test
  void aUserWhoPostsTooFastIsToldWhenToTryAgain() {
    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .postsPerMinute(6)
                .passwordIterations(1_000)
                .build())) {
      ChatClient api = new ChatClient(deployment.baseUri());
      Account alice = api.signUp("speedy", "correct horse");
      Account bob = api.signUp("patient", "correct horse");
      String groupId = createGroup(api, alice, List.of(bob));
      String path = "/v1/groups/" + groupId + "/messages";

      int accepted = 0;
      Reply refused = null;
      for (int i = 0; i < 20 && refused == null; i++) {
        Reply reply = api.post(path, alice.token(), "{\"body\":\"m" + i + "\"}");
        if (reply.status() == 201) {
          accepted++;
        } else {
          refused = reply;
        }
      }

      assertThat(accepted).isEqualTo(5);
      assertThat(refused).isNotNull();
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.code()).isEqualTo("rate_limited");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 10L);
      assertThat(api.post(path, bob.token(), "{\"body\":\"my turn\"}").status()).isEqualTo(201);
      JsonNode history = api.get(path, bob.token()).json();
      assertThat(history.get("messages")).hasSize(6);
    }
  }

  private static String createGroup(ChatClient api, Account owner, List<Account> members) {
    StringBuilder handles = new StringBuilder();
    for (Account m : members) {
      if (!m.equals(owner)) {
        handles.append(handles.length() == 0 ? "" : ",").append('"').append(m.handle()).append('"');
      }
    }
    Reply created =
        api.post("/v1/groups", owner.token(), "{\"name\":\"g\",\"members\":[" + handles + "]}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("groupId").asText();
  }

  /** One message first, so that the cache holds the group, the window and the connections. */
  private static void warmUp(
      ChatClient api, Account poster, String groupId, List<ChatSocket> sockets) {
    assertThat(
            api.post(
                    "/v1/groups/" + groupId + "/messages", poster.token(), "{\"body\":\"warm-up\"}")
                .status())
        .isEqualTo(201);
    for (ChatSocket socket : sockets) {
      socket.awaitMessages(groupId, 1, WAIT);
    }
  }
}
