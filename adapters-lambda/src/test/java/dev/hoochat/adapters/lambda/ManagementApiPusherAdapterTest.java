package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.message.MessageBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pusher through the real AWS SDK client (signed requests, the URL-connection HTTP client) to a
 * loopback stand-in for API Gateway's {@code @connections} endpoint.
 */
class ManagementApiPusherAdapterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionsEndpointStub endpoint;
  private LambdaRuntime runtime;
  private Principal alice;
  private Principal bob;
  private Group group;

  @BeforeEach
  void start() {
    endpoint = new ConnectionsEndpointStub();
    runtime = TestRuntimes.memory(Optional.of(endpoint.endpoint()), PortMetrics.NONE);
    alice = principal(runtime.chat().signUp().signUp(SignUp.of(handle("alice"), "correct horse")));
    bob = principal(runtime.chat().signUp().signUp(SignUp.of(handle("bob"), "correct horse")));
    group =
        runtime
            .chat()
            .createGroup()
            .create(new CreateGroup(alice, GroupName.of("g"), List.of(bob.handle())));
  }

  @AfterEach
  void stop() {
    runtime.close();
    endpoint.close();
  }

  @Test
  void eachConnectionGetsASignedPostOnItsPathWithTheMessage() throws Exception {
    open(alice, "alice-1");
    open(bob, "bob-1");

    post(alice, "hello");

    assertThat(messagePushes())
        .extracting(ConnectionsEndpointStub.Received::path)
        .containsExactlyInAnyOrder("/prod/@connections/alice-1", "/prod/@connections/bob-1");
    for (ConnectionsEndpointStub.Received push : messagePushes()) {
      assertThat(push.method()).isEqualTo("POST");
      assertThat(push.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=local/");
      JsonNode frame = JSON.readTree(push.body());
      assertThat(frame.get("type").asText()).isEqualTo("message");
      assertThat(frame.get("groupId").asText()).isEqualTo(group.id().value());
      assertThat(frame.get("body").asText()).isEqualTo("hello");
      assertThat(frame.get("seq").asLong()).isEqualTo(1);
      assertThat(frame.get("mine").asBoolean()).isEqualTo(push.path().endsWith("alice-1"));
      assertThat(push.body()).doesNotContain(alice.userId().value());
    }
  }

  @Test
  void aConnectionThatAnswersGoneIsRemovedAndPushedNothingMore() {
    open(alice, "alice-1");
    open(bob, "bob-1");
    open(bob, "bob-stale");
    endpoint.markGone("bob-stale");

    post(alice, "first");
    post(alice, "second");

    List<String> paths =
        messagePushes().stream().map(ConnectionsEndpointStub.Received::path).toList();
    assertThat(paths).filteredOn(p -> p.endsWith("bob-stale")).hasSize(1);
    assertThat(paths).filteredOn(p -> p.endsWith("bob-1")).hasSize(2);
    assertThat(paths).filteredOn(p -> p.endsWith("alice-1")).hasSize(2);
  }

  @Test
  void theConnectionsOfAGroupArePushedConcurrently() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add("bob-" + i);
      open(bob, "bob-" + i);
    }
    endpoint.holdUntilInFlight(4);

    post(alice, "to all of bob's devices");

    assertThat(endpoint.received()).hasSize(8);
    assertThat(endpoint.mostInFlight()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aGroupEventIsOneFramePostedAlikeToEveryConnection() throws Exception {
    open(alice, "alice-1");
    open(bob, "bob-1"); // bob comes online: alice and bob are told the count
    open(bob, "bob-2"); // bob was online already: nothing

    List<ConnectionsEndpointStub.Received> presence =
        endpoint.received().stream().filter(r -> r.body().contains("\"presence\"")).toList();
    assertThat(presence)
        .extracting(ConnectionsEndpointStub.Received::path)
        .containsExactlyInAnyOrder("/prod/@connections/alice-1", "/prod/@connections/bob-1");
    assertThat(presence)
        .extracting(ConnectionsEndpointStub.Received::body)
        .containsOnly(
            "{\"type\":\"presence\",\"groupId\":\""
                + group.id().value()
                + "\",\"online\":2,\"members\":2}");

    post(alice, "take it back");
    var message =
        runtime
            .chat()
            .readMessages()
            .read(
                new dev.hoochat.application.port.in.ReadMessagesUseCase.ReadMessages(
                    alice, group.id(), java.util.OptionalLong.empty()))
            .messages()
            .get(0);
    runtime.chat().unsendMessage().unsend(alice, group.id(), message.messageId());

    List<ConnectionsEndpointStub.Received> unsent =
        endpoint.received().stream().filter(r -> r.body().contains("\"unsent\"")).toList();
    assertThat(unsent).hasSize(3);
    assertThat(unsent)
        .extracting(ConnectionsEndpointStub.Received::body)
        .containsOnly(
            "{\"type\":\"unsent\",\"groupId\":\""
                + group.id().value()
                + "\",\"messageId\":\""
                + message.messageId().value()
                + "\",\"seq\":1}");
  }

  /** The pushes that carry a message (presence pushes on connect are another test's business). */
  private List<ConnectionsEndpointStub.Received> messagePushes() {
    return endpoint.received().stream()
        .filter(r -> r.body().contains("\"type\":\"message\""))
        .toList();
  }

  private void open(Principal who, String connection) {
    runtime.chat().openConnection().open(who, new ConnectionId(connection));
  }

  private void post(Principal who, String text) {
    runtime
        .chat()
        .postMessage()
        .post(new PostMessage(who, group.id(), new MessageBody(text), Optional.empty()));
  }

  private static Principal principal(Session session) {
    return new Principal(session.userId(), session.handle());
  }

  private static String handle(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 6);
  }
}
