package dev.hoochat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test: a group's mutes travel with it, end on time and stay bounded. */
class MutesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Member OWNER = new Member(new UserId("u-owner"), new Handle("owner"), T0);
  private static final Member BOB = new Member(new UserId("u-bob"), new Handle("bob"), T0);
  private static final MuteKey KEY = new MuteKey("k-bob");

  private static Group owls() {
    return Group.found(new GroupId("g1"), GroupName.of("owls"), OWNER, List.of(BOB), 256, T0);
  }

  @Test
  void aMuteIsAChangeOfTheGroupByItsOwnerThatHoldsUntilItEnds() {
    Group muted = owls().mute(KEY, T0.plusSeconds(60), OWNER.userId(), T0);

    assertThat(muted.version()).isEqualTo(2);
    assertThat(muted.members()).isEqualTo(owls().members());
    assertThat(muted.mutedUntil(KEY, T0)).contains(T0.plusSeconds(60));
    assertThat(muted.mutedUntil(KEY, T0.plusSeconds(59))).isPresent();
    assertThat(muted.mutedUntil(KEY, T0.plusSeconds(60))).isEmpty();
    assertThat(muted.mutedUntil(new MuteKey("k-other"), T0)).isEmpty();
    assertThatThrownBy(() -> owls().mute(KEY, T0.plusSeconds(60), BOB.userId(), T0))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.NOT_OWNER));
  }

  @Test
  void membershipChangesKeepTheMutesAndAWriteDropsTheEndedOnes() {
    Group muted =
        owls()
            .mute(KEY, T0.plusSeconds(60), OWNER.userId(), T0)
            .mute(new MuteKey("k-long"), T0.plusSeconds(3600), OWNER.userId(), T0);
    Member carol = new Member(new UserId("u-carol"), new Handle("carol"), T0);

    Group grown = muted.add(carol, OWNER.userId());
    assertThat(grown.mutes()).isEqualTo(muted.mutes());
    Group.Removal removal = grown.remove(carol.userId(), carol.userId());
    assertThat(((Group.Removal.Remaining) removal).group().mutes()).isEqualTo(muted.mutes());

    Group written = grown.withLiveMutesAt(T0.plus(Duration.ofMinutes(5)));
    assertThat(written.version()).isEqualTo(grown.version());
    assertThat(written.mutes().entries()).containsOnlyKeys(new MuteKey("k-long"));
    assertThat(grown.withLiveMutesAt(T0)).isSameAs(grown);
  }

  @Test
  void aLaterMuteReplacesAnEarlierOneOfTheSameKey() {
    Group twice =
        owls()
            .mute(KEY, T0.plusSeconds(3600), OWNER.userId(), T0)
            .mute(KEY, T0.plusSeconds(60), OWNER.userId(), T0);

    assertThat(twice.mutes().entries()).hasSize(1);
    assertThat(twice.mutedUntil(KEY, T0)).contains(T0.plusSeconds(60));
  }

  @Test
  void pastTheCapTheMuteThatEndsFirstGivesWaySoTheRecordStaysSmall() {
    Mutes mutes = Mutes.none();
    for (int i = 0; i < Mutes.MAX; i++) {
      mutes = mutes.with(new MuteKey("k-" + i), T0.plusSeconds(100 + i), T0);
    }
    mutes = mutes.with(new MuteKey("k-new"), T0.plusSeconds(50), T0);

    assertThat(mutes.entries()).hasSize(Mutes.MAX);
    assertThat(mutes.until(new MuteKey("k-new"), T0)).isPresent();
    assertThat(mutes.until(new MuteKey("k-0"), T0)).isEmpty();
    assertThat(mutes.until(new MuteKey("k-1"), T0)).isPresent();
  }

  @Test
  void mutesNameNobodyWhenPrinted() {
    Group muted = owls().mute(KEY, T0.plusSeconds(60), OWNER.userId(), T0);
    assertThat(muted.toString()).doesNotContain("k-bob");
  }
}
