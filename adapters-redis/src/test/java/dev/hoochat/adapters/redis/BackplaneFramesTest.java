package dev.hoochat.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.message.Seq;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackplaneFramesTest {
  private final SenderKey key = new SenderKey(new byte[32]);
  private final GroupId group = new GroupId("g1");

  private Message message(UserId sender, Instant at, String body) {
    return new Message(
        new MessageId("m1"),
        group,
        new Seq(42),
        MessageBody.stored(body),
        at,
        key.tag(group, sender),
        Optional.empty());
  }

  @Test
  void aMessageCrossesAsStoredAndTheReceiverCanStillTellWhoseItIs() {
    UserId alice = new UserId("alice");
    Message sent = message(alice, Instant.parse("2026-01-02T03:04:05.000600Z"), "hé\nlines=2");
    List<ConnectionId> to =
        List.of(ConnectionId.on(new NodeId("n1"), "a"), ConnectionId.on(new NodeId("n1"), "b"));

    BackplaneFrames.Frame frame = BackplaneFrames.parse(BackplaneFrames.message(sent, to));

    BackplaneFrames.ForConnections got = (BackplaneFrames.ForConnections) frame;
    assertThat(got.to()).isEqualTo(to);
    assertThat(got.message().body()).isEqualTo(sent.body());
    assertThat(got.message().sentAt()).isEqualTo(sent.sentAt());
    assertThat(got.message().seq()).isEqualTo(sent.seq());
    assertThat(key.isSender(got.message(), alice)).isTrue();
    assertThat(key.isSender(got.message(), new UserId("bob"))).isFalse();
  }

  @Test
  void theFrameHasTheSameSizeWhoeverSentItAndWhateverTheTime() {
    List<ConnectionId> to = List.of(ConnectionId.on(new NodeId("n1"), "a"));
    String one =
        BackplaneFrames.message(
            message(new UserId("a"), Instant.parse("2026-01-02T03:04:05Z"), "same"), to);
    String other =
        BackplaneFrames.message(
            message(new UserId("someone-else"), Instant.parse("2026-01-02T03:04:05.1Z"), "same"),
            to);
    assertThat(one).hasSameSizeAs(other).doesNotContain("someone-else");
  }

  @Test
  void eventsCrossWithTheirConnectionsAndNameNoOne() {
    List<ConnectionId> to =
        List.of(ConnectionId.on(new NodeId("n2"), "a"), ConnectionId.on(new NodeId("n2"), "b"));
    for (Pusher.GroupEvent event :
        List.of(
            new Pusher.GroupEvent.Unsent(group, new MessageId("m1"), new Seq(42)),
            new Pusher.GroupEvent.Hidden(group, new MessageId("m2"), new Seq(43)),
            new Pusher.GroupEvent.Presence(group, 3, 7))) {
      assertThat(BackplaneFrames.parse(BackplaneFrames.event(event, to)))
          .isEqualTo(new BackplaneFrames.EventForConnections(event, to));
    }
  }

  @Test
  void aRedactedMessageCrossesWithoutItsBody() {
    Message unsent =
        message(new UserId("alice"), Instant.parse("2026-01-02T03:04:05Z"), "secret")
            .redacted(MessageState.UNSENT);
    List<ConnectionId> to = List.of(ConnectionId.on(new NodeId("n1"), "a"));

    String frame = BackplaneFrames.message(unsent, to);

    assertThat(frame).doesNotContain("body=");
    assertThat(((BackplaneFrames.ForConnections) BackplaneFrames.parse(frame)).message())
        .isEqualTo(unsent);
  }

  @Test
  void aFrameThatIsNotOursIsRefused() {
    assertThatThrownBy(() -> BackplaneFrames.parse("hello"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BackplaneFrames.parse(BackplaneFrames.ping(7)))
        .isEqualTo(new BackplaneFrames.Ping(7));
  }
}
