package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, as members see it: one group, several members posting at once through two execution
 * environments that share the table (and so the group's lease), every {@code @connections} push
 * taking 20 ms as on AWS and delivered at a random moment within it — so pushes of two posts that
 * overlapped on one connection could arrive swapped. Every member must still get every message
 * once, in {@code seq} order; and a connection that is gone (410) is still dropped.
 */
class LambdaBusyGroupTest {
  private static final int MEMBERS = 12;
  private static final int POSTERS = 4;
  private static final int POSTS_EACH = 8;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final List<LambdaRuntime> environments = new ArrayList<>();
  private final List<ChatSocket> sockets = new ArrayList<>();
  private LocalGateway gateway;

  @AfterEach
  void stop() {
    sockets.forEach(ChatSocket::close);
    if (gateway != null) {
      gateway.close();
    }
    environments.forEach(LambdaRuntime::close);
  }

  @Test
  void everyMemberGetsEveryPostOnceInSeqOrderAndAGoneConnectionIsDropped() throws Exception {
    DynamoDbSettings dynamo = LocalBackends.freshTable("busy");
    Map<String, String> env = new HashMap<>(LambdaDeployment.localEnvironment());
    env.put("HOOCHAT_STORE", "dynamodb");
    env.put("HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString());
    env.put("HOOCHAT_DYNAMODB_TABLE", dynamo.table());
    env.put("HOOCHAT_CACHE", "none");
    env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
    env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
    gateway =
        LocalGateway.start(
            LocalGateway.Routes.of(SamTemplate.load()),
            endpoint -> {
              env.put("HOOCHAT_WEBSOCKET_ENDPOINT", endpoint.toString());
              for (int i = 0; i < 2; i++) {
                environments.add(
                    LambdaRuntime.start(
                        LambdaSettings.fromEnvironment(env),
                        PortMetrics.NONE,
                        UnaryOperator.identity()));
              }
              return takingTurns(environments);
            });
    gateway.delayPushes(Duration.ofMillis(20));

    LambdaRuntime one = environments.get(0);
    List<Session> members = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(
          one.chat()
              .signUp()
              .signUp(
                  SignUp.of(
                      "busy" + i + "_" + UUID.randomUUID().toString().substring(0, 6),
                      "correct horse")));
    }
    String groupId =
        one.chat()
            .createGroup()
            .create(
                new CreateGroup(
                    principal(members.get(0)),
                    GroupName.of("busy"),
                    members.subList(1, MEMBERS).stream().map(Session::handle).toList()))
            .id()
            .value();
    ChatClient client = new ChatClient(gateway.baseUri());
    for (Session member : members.subList(0, MEMBERS - 1)) {
      sockets.add(client.connect(member.token()));
    }
    // The last member's only connection is one API Gateway no longer has: its pushes answer 410.
    one.chat()
        .openConnection()
        .open(principal(members.get(MEMBERS - 1)), new ConnectionId("gone-" + UUID.randomUUID()));
    String presence = "/v1/groups/" + groupId + "/presence";
    assertThat(client.get(presence, members.get(0).token()).json().get("online").asInt())
        .isEqualTo(MEMBERS);

    ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
    try {
      List<Future<?>> posting = new ArrayList<>();
      for (int p = 0; p < POSTERS; p++) {
        ChatSocket socket = sockets.get(p);
        String name = "p" + p;
        posting.add(posters.submit(() -> postAll(socket, groupId, name)));
      }
      for (Future<?> done : posting) {
        done.get();
      }
    } finally {
      posters.shutdownNow();
    }

    int total = POSTERS * POSTS_EACH;
    List<Long> expected = null;
    for (ChatSocket socket : sockets) {
      List<JsonNode> got = socket.awaitMessages(groupId, total, WAIT);
      List<Long> seqs = got.stream().map(m -> m.get("seq").asLong()).toList();
      assertThat(seqs)
          .as("one member's messages, in arrival order")
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(seqs).hasSize(total);
      assertThat(got.stream().map(m -> m.get("body").asText()).distinct()).hasSize(total);
      if (expected == null) {
        expected = seqs;
      }
      assertThat(seqs).as("every member the same messages").isEqualTo(expected);
    }
    assertThat(client.get(presence, members.get(0).token()).json().get("online").asInt())
        .as("the member whose only connection was gone is no longer online")
        .isEqualTo(MEMBERS - 1);
  }

  /** Posts one after another, each once the previous one was acknowledged. */
  private static Void postAll(ChatSocket socket, String groupId, String name) {
    for (int n = 0; n < POSTS_EACH; n++) {
      String id = name + "-" + n;
      socket.send(
          ChatClient.json(
                  "action", "sendMessage", "groupId", groupId, "body", id, "clientMessageId", id)
              .toString());
      JsonNode answer = socket.await(f -> id.equals(f.path("clientMessageId").asText()), WAIT);
      assertThat(answer.get("type").asText()).as(answer.toString()).isEqualTo("ack");
    }
    return null;
  }

  private static Principal principal(Session session) {
    return new Principal(session.userId(), session.handle());
  }

  /** Invocations go to the environments in turn: posts of one group from two processes. */
  private static LocalGateway.Functions takingTurns(List<LambdaRuntime> runtimes) {
    AtomicInteger next = new AtomicInteger();
    List<LocalGateway.Functions> each = new ArrayList<>();
    for (LambdaRuntime runtime : runtimes) {
      each.add(LambdaDeployment.functionsOf(runtime));
    }
    return new LocalGateway.Functions(
        event -> each.get(Math.floorMod(next.getAndIncrement(), each.size())).http().invoke(event),
        event ->
            each.get(Math.floorMod(next.getAndIncrement(), each.size())).webSocket().invoke(event),
        event ->
            each.get(Math.floorMod(next.getAndIncrement(), each.size()))
                .authorizer()
                .invoke(event));
  }
}
