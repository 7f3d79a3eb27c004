package dev.hoochat.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.fakes.FakeClock;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit test: each user's posting allowance, a token bucket on the injected clock. */
class PostRateLimitTest {
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");

  private final FakeClock clock = new FakeClock();

  private static int taken(PostRateLimit limit, UserId user) {
    int n = 0;
    while (limit.tryAcquire(user).isEmpty()) {
      n++;
      if (n > 10_000) {
        throw new AssertionError("the limit never refused");
      }
    }
    return n;
  }

  @Test
  void aUserMayPostABurstOfAQuarterOfTheMinutesAllowance() {
    assertThat(taken(new PostRateLimit(120, clock), ALICE)).isEqualTo(30);
  }

  @Test
  void theBurstIsAtLeastFiveEvenForASmallAllowance() {
    assertThat(taken(new PostRateLimit(4, clock), ALICE)).isEqualTo(5);
  }

  @Test
  void anEmptyAllowanceSaysHowLongUntilTheNextPostIsAllowed() {
    PostRateLimit limit = new PostRateLimit(120, clock);
    taken(limit, ALICE);

    Optional<Duration> wait = limit.tryAcquire(ALICE);

    assertThat(wait).hasValue(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(499));
    assertThat(limit.tryAcquire(ALICE)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(limit.tryAcquire(ALICE)).isEmpty();
    assertThat(limit.tryAcquire(ALICE)).isPresent();
  }

  @Test
  void theAllowanceRefillsAtTheConfiguredRateAndNoFurtherThanTheBurst() {
    PostRateLimit limit = new PostRateLimit(60, clock);
    taken(limit, ALICE);

    clock.advance(Duration.ofSeconds(3));
    assertThat(taken(limit, ALICE)).isEqualTo(3);

    clock.advance(Duration.ofHours(1));
    assertThat(taken(limit, ALICE)).isEqualTo(15);
  }

  @Test
  void usersHaveSeparateAllowances() {
    PostRateLimit limit = new PostRateLimit(60, clock);
    taken(limit, ALICE);

    assertThat(limit.tryAcquire(BOB)).isEmpty();
  }

  @Test
  void zeroTurnsTheLimitOff() {
    PostRateLimit limit = new PostRateLimit(0, clock);

    for (int i = 0; i < 5_000; i++) {
      assertThat(limit.tryAcquire(ALICE)).isEmpty();
    }
  }

  @Test
  void aNegativeLimitIsAConfigurationMistake() {
    assertThatThrownBy(() -> new PostRateLimit(-1, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockThatStepsBackDoesNotGrantExtraPosts() {
    PostRateLimit limit = new PostRateLimit(60, clock);
    taken(limit, ALICE);

    clock.advance(Duration.ofSeconds(-30));

    assertThat(limit.tryAcquire(ALICE)).isPresent();
  }
}
