package dev.hoochat.domain.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InviteTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void aCodeIs256RandomBitsInUrlSafeCharactersAndIsNeverPrinted() {
    byte[] random = new byte[32];
    random[5] = 7;
    InviteCode code = InviteCode.from(random);
    assertThat(code.value()).matches("[A-Za-z0-9_-]{43}");
    assertThat(code.toString()).doesNotContain(code.value());
    assertThat(InviteCode.isWellFormed("short")).isFalse();
    assertThat(InviteCode.isWellFormed(code.value() + "=")).isFalse();
    assertThatThrownBy(() -> InviteCode.from(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void termsDefaultToOneUseForADayAndRefuseWhatIsOutOfRange() {
    InviteTerms defaults = InviteTerms.of(OptionalInt.empty(), OptionalLong.empty());
    assertThat(defaults).isEqualTo(new InviteTerms(1, Duration.ofDays(1)));
    assertThat(InviteTerms.of(OptionalInt.of(256), OptionalLong.of(604_800)).maxUses())
        .isEqualTo(256);
    for (Runnable bad :
        new Runnable[] {
          () -> InviteTerms.of(OptionalInt.of(0), OptionalLong.empty()),
          () -> InviteTerms.of(OptionalInt.of(257), OptionalLong.empty()),
          () -> InviteTerms.of(OptionalInt.empty(), OptionalLong.of(59)),
          () -> InviteTerms.of(OptionalInt.empty(), OptionalLong.of(604_801))
        }) {
      assertThatThrownBy(bad::run)
          .isInstanceOfSatisfying(
              RefusedException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_INVITE));
    }
  }

  @Test
  void anInviteLivesUntilItExpiresOrIsUsedUp() {
    Invite invite =
        Invite.issue(
            InviteCode.from(new byte[32]),
            new GroupId("owls"),
            new InviteTerms(2, Duration.ofMinutes(1)),
            T0);
    assertThat(invite.isLive(T0)).isTrue();
    assertThat(invite.isLive(T0.plusSeconds(60))).isFalse();
    assertThat(invite.used().isLive(T0)).isTrue();
    assertThat(invite.used().used().isLive(T0)).isFalse();
  }
}
