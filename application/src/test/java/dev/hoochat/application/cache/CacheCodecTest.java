package dev.hoochat.application.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit test: whatever is cached reads back equal, and what cannot be read is a miss. */
class CacheCodecTest {
  private static final Instant T = Instant.parse("2026-11-27T12:00:00.123Z");

  static Message message(long seq, String body, Optional<ClientMessageId> clientId) {
    return new Message(
        new MessageId("m-" + seq),
        new GroupId("g-1"),
        new Seq(seq),
        new MessageBody(body),
        T.plusMillis(seq),
        new SenderTag("tag-" + seq),
        clientId.map(c -> new RetryKey("retry-" + c.value())));
  }

  @Test
  void aPrincipalRoundTrips() {
    Principal p = new Principal(new UserId("u-1"), new Handle("alice"));

    assertThat(CacheCodec.principal(CacheCodec.principal(p))).isEqualTo(p);
  }

  @Test
  void aGroupRoundTripsWithItsMembersInOrderItsOwnerAndVersion() {
    Member alice = new Member(new UserId("u-a"), new Handle("alice"), T);
    Member bob = new Member(new UserId("u-b"), new Handle("bob"), T.plusSeconds(5));
    Member carol = new Member(new UserId("u-c"), new Handle("carol"), T.plusSeconds(9));
    Group group =
        new Group(
            new GroupId("g-1"),
            GroupName.of("Eulen \uD83E\uDD89"),
            bob.userId(),
            T,
            List.of(carol, alice, bob),
            7,
            42);

    assertThat(CacheCodec.group(CacheCodec.group(group))).isEqualTo(group);
  }

  @Test
  void aGroupRoundTripsWithItsMutes() {
    Member alice = new Member(new UserId("u-a"), new Handle("alice"), T);
    Group group =
        Group.found(new GroupId("g-1"), GroupName.of("owls"), alice, List.of(), 256, T)
            .mute(new dev.hoochat.domain.group.MuteKey("k-1"), T.plusSeconds(60), alice.userId(), T)
            .mute(
                new dev.hoochat.domain.group.MuteKey("k-2"), T.plusSeconds(90), alice.userId(), T);

    Group read = CacheCodec.group(CacheCodec.group(group));

    assertThat(read).isEqualTo(group);
    assertThat(read.mutes().entries()).hasSize(2);
  }

  @Test
  void connectionSetsRoundTripIncludingTheEmptySet() {
    Set<ConnectionId> some = Set.of(new ConnectionId("abc="), new ConnectionId("x-1"));

    assertThat(CacheCodec.connections(CacheCodec.connections(some))).isEqualTo(some);
    assertThat(CacheCodec.connections(CacheCodec.connections(Set.of()))).isEmpty();
  }

  @Test
  void messagesRoundTripWithAndWithoutAClientMessageId() {
    Message plain = message(1, "hi all", Optional.empty());
    Message withId = message(2, "hi again", Optional.of(new ClientMessageId("c-1")));

    assertThat(CacheCodec.message(CacheCodec.message(plain))).isEqualTo(plain);
    assertThat(CacheCodec.message(CacheCodec.message(withId))).isEqualTo(withId);
  }

  @Test
  void theLongestBodyOfFourByteCharactersRoundTrips() {
    Message longest = message(3, "\uD83E\uDD89".repeat(MessageBody.MAX_LENGTH), Optional.empty());

    assertThat(CacheCodec.message(CacheCodec.message(longest))).isEqualTo(longest);
  }

  @Test
  void aValueInAnotherFormatIsUnreadable() {
    byte[] encoded = CacheCodec.principal(new Principal(new UserId("u-1"), new Handle("alice")));
    encoded[0] = 99;

    assertThatThrownBy(() -> CacheCodec.principal(encoded))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
  }

  @Test
  void truncatedOrPaddedOrForeignValuesAreUnreadable() {
    byte[] encoded = CacheCodec.message(message(1, "hi", Optional.empty()));

    assertThatThrownBy(() -> CacheCodec.message(Arrays.copyOf(encoded, encoded.length - 3)))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
    assertThatThrownBy(() -> CacheCodec.message(Arrays.copyOf(encoded, encoded.length + 1)))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
    assertThatThrownBy(() -> CacheCodec.group(encoded))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
    assertThatThrownBy(() -> CacheCodec.connections(new byte[0]))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
  }
}
