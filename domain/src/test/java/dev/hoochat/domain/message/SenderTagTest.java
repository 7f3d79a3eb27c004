package dev.hoochat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Unit test: a sender tag links a message to a person only for whoever holds the key. */
class SenderTagTest {
  private static final GroupId OWLS = new GroupId("owls");
  private static final GroupId LARKS = new GroupId("larks");
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");

  private static SenderKey key(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return new SenderKey(secret);
  }

  @Test
  void theSameUserInTheSameGroupAlwaysGetsTheSameTag() {
    SenderTag first = key(1).tag(OWLS, ALICE);
    SenderTag again = key(1).tag(OWLS, ALICE);

    assertThat(first).isEqualTo(again);
    assertThat(first.matches(again)).isTrue();
  }

  @Test
  void anotherGroupGivesTheSameUserAnotherTag() {
    assertThat(key(1).tag(OWLS, ALICE).matches(key(1).tag(LARKS, ALICE))).isFalse();
  }

  @Test
  void anotherUserInTheSameGroupGetsAnotherTag() {
    assertThat(key(1).tag(OWLS, ALICE).matches(key(1).tag(OWLS, BOB))).isFalse();
  }

  @Test
  void groupAndUserCannotBeShiftedIntoEachOther() {
    SenderTag split1 = key(1).tag(new GroupId("ab"), new UserId("c"));
    SenderTag split2 = key(1).tag(new GroupId("a"), new UserId("bc"));

    assertThat(split1.matches(split2)).isFalse();
  }

  @Test
  void anotherKeyGivesAnotherTagSoRotationUnlinksOldMessages() {
    assertThat(key(1).tag(OWLS, ALICE).matches(key(2).tag(OWLS, ALICE))).isFalse();
  }

  @Test
  void theTagDoesNotContainTheUserIdOrGroupId() {
    SenderTag tag = key(1).tag(OWLS, new UserId("user-with-a-long-recognisable-id"));

    assertThat(tag.value()).doesNotContain("user-with").doesNotContain("owls");
    assertThat(tag.toString()).doesNotContain(tag.value());
  }

  @Test
  void aMessageIsRecognisedAsSentByTheCallerOnlyThroughTheirTag() {
    Message fromAlice =
        new Message(
            new MessageId("m1"),
            OWLS,
            Seq.FIRST,
            new MessageBody("hi"),
            java.time.Instant.EPOCH,
            key(1).tag(OWLS, ALICE),
            java.util.Optional.empty());

    assertThat(fromAlice.sentBy(key(1).tag(OWLS, ALICE))).isTrue();
    assertThat(fromAlice.sentBy(key(1).tag(OWLS, BOB))).isFalse();
  }

  @Test
  void aKeyShorterThanThirtyTwoBytesIsRefusedAndAKeyNeverPrintsItself() {
    assertThatThrownBy(() -> new SenderKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(key(1).toString()).doesNotContain("1");
  }
}
