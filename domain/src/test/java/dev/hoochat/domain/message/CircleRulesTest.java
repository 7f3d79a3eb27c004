package dev.hoochat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.user.UserId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 16's rules on messages: the hide threshold, mute durations, report and mute keys. */
class CircleRulesTest {
  private static final GroupId OWLS = new GroupId("owls");
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private final SenderKey key = new SenderKey(filled(1));

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  @Test
  void aMessageIsHiddenByTwoReportersInSmallGroupsAndAThirdOfLargerOnes() {
    assertThat(HideThreshold.forMembers(1)).isEqualTo(2);
    assertThat(HideThreshold.forMembers(3)).isEqualTo(2);
    assertThat(HideThreshold.forMembers(6)).isEqualTo(2);
    assertThat(HideThreshold.forMembers(7)).isEqualTo(3);
    assertThat(HideThreshold.forMembers(9)).isEqualTo(3);
    assertThat(HideThreshold.forMembers(10)).isEqualTo(4);
    assertThat(HideThreshold.forMembers(256)).isEqualTo(86);
    assertThat(HideThreshold.isReached(1, 2)).isFalse();
  }

  @Test
  void aMuteLastsOneMinuteToOneWeek() {
    assertThat(new MuteDuration(1).duration().toMinutes()).isEqualTo(1);
    assertThat(new MuteDuration(10_080).duration().toDays()).isEqualTo(7);
    for (int minutes : List.of(0, -1, 10_081)) {
      assertThatThrownBy(() -> new MuteDuration(minutes))
          .isInstanceOfSatisfying(
              RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_MUTE));
    }
  }

  @Test
  void aReportKeyRepeatsForOneReporterAndMessageAndDiffersOtherwise() {
    MessageId m1 = new MessageId("m1");
    MessageId m2 = new MessageId("m2");
    assertThat(key.reportKey(OWLS, m1, ALICE)).isEqualTo(key.reportKey(OWLS, m1, ALICE));
    assertThat(key.reportKey(OWLS, m1, ALICE)).isNotEqualTo(key.reportKey(OWLS, m1, BOB));
    assertThat(key.reportKey(OWLS, m1, ALICE)).isNotEqualTo(key.reportKey(OWLS, m2, ALICE));
    assertThat(key.reportKey(OWLS, m1, ALICE).value()).doesNotContain("alice").doesNotContain("m1");
    assertThat(new SenderKey(filled(2)).reportKey(OWLS, m1, ALICE))
        .isNotEqualTo(key.reportKey(OWLS, m1, ALICE));
  }

  @Test
  void aMuteKeyNamesNeitherTheAuthorNorMatchesAnyMessagesTag() {
    MuteKey alice = key.muteKey(OWLS, ALICE);
    assertThat(alice).isEqualTo(key.muteKey(OWLS, ALICE));
    assertThat(alice).isNotEqualTo(key.muteKey(OWLS, BOB));
    assertThat(alice).isNotEqualTo(key.muteKey(new GroupId("larks"), ALICE));
    assertThat(alice.value()).doesNotContain("alice");
    SenderTag tag = key.tag(OWLS, ALICE);
    assertThat(tag.value()).doesNotContain(alice.value());
  }

  @Test
  void theAuthorIsFoundAmongTheMembersWhereverTheyStandAndNotWhenGone() {
    Message byBob = message(key.tag(OWLS, BOB));
    UserId carol = new UserId("carol");
    assertThat(key.authorAmong(byBob, List.of(ALICE, BOB, carol))).contains(BOB);
    assertThat(key.authorAmong(byBob, List.of(BOB, ALICE))).contains(BOB);
    assertThat(key.authorAmong(byBob, List.of(ALICE, carol))).isEmpty();
  }

  @Test
  void aRedactedMessageKeepsItsPlaceAndTagButNotItsBody() {
    Message shown = message(key.tag(OWLS, ALICE));
    Message unsent = shown.redacted(MessageState.UNSENT);
    assertThat(unsent.body()).isEmpty();
    assertThat(unsent.seq()).isEqualTo(shown.seq());
    assertThat(key.isSender(unsent, ALICE)).isTrue();
    assertThat(unsent.isShown()).isFalse();
    assertThatThrownBy(() -> shown.redacted(MessageState.SHOWN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Message message(SenderTag tag) {
    return new Message(
        new MessageId("m"),
        OWLS,
        new Seq(1),
        new MessageBody("hi"),
        java.time.Instant.EPOCH,
        tag,
        Optional.empty());
  }
}
