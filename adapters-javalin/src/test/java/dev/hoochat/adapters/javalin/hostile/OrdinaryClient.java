package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every hostile test checks last: an ordinary user still signs up, posts, and receives the
 * WebSocket push of a message (and the ack of one sent over the socket).
 */
final class OrdinaryClient {
  private static final AtomicInteger USERS = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private OrdinaryClient() {}

  static void isServed(URI base) {
    ChatClient api = new ChatClient(base);
    int n = USERS.incrementAndGet();
    Account alice = api.signUp("ordinary_a" + n, "correct horse");
    Account bob = api.signUp("ordinary_b" + n, "correct horse");
    Reply group =
        api.post(
            "/v1/groups",
            alice.token(),
            "{\"name\":\"ordinary\",\"members\":[\"" + bob.handle() + "\"]}");
    assertThat(group.status()).as("create group").isEqualTo(201);
    String groupId = group.json().get("groupId").asText();
    try (ChatSocket socket = api.connect(bob.token())) {
      Reply posted =
          api.post(
              "/v1/groups/" + groupId + "/messages", alice.token(), "{\"body\":\"still here\"}");
      assertThat(posted.status()).as("post").isEqualTo(201);
      assertThat(socket.awaitMessages(groupId, 1, WAIT).get(0).get("body").asText())
          .isEqualTo("still here");
      socket.send(
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + groupId
              + "\",\"body\":\"and me\",\"clientMessageId\":\"c-1\"}");
      assertThat(socket.await(f -> "ack".equals(f.path("type").asText()), WAIT)).isNotNull();
    }
  }
}
