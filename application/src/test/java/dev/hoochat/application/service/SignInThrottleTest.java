package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.application.cache.NoCache;
import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeClock;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.RateLimitedException;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignInUseCase.SignIn;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.user.Handle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Use-case test: sign-in throttling, its back-off, and why it cannot lock the real user out. */
class SignInThrottleTest {
  private static final ClientAddress HOME = ClientAddress.of("198.51.100.7");
  private static final ClientAddress ATTACKER = ClientAddress.of("203.0.113.66");
  private static final ClientAddress CAFE = ClientAddress.of("192.0.2.15");
  private static final Duration MAX = Duration.ofMinutes(5);

  @Nested
  class WithoutACache extends Scenarios {
    WithoutACache() {
      super(false);
    }

    // (in-process expiry; the fake cache keeps TTLs without enforcing them)
    @Test
    void aKnownAddressIsForgottenAfterThirtyDaysWithoutASignIn() {
      chat.clock.advance(Duration.ofDays(31));
      for (int i = 0; i < 5; i++) {
        ClientAddress bot = ClientAddress.of("203.0.113." + (100 + i));
        wrong("alice", bot);
        wrong("alice", bot);
      }

      throttled("alice", HOME);
    }
  }

  @Nested
  class WithACache extends Scenarios {
    WithACache() {
      super(true);
    }

    @Test
    void theCacheHoldsNeitherHandlesNorAddressesInClear() {
      wrong("alice", ATTACKER);
      FakeCache cache = chat.cache.orElseThrow();

      assertThat(cache.keys()).anyMatch(k -> k.startsWith("hc1:sin:"));
      for (String key : cache.keys()) {
        assertThat(key).doesNotContain("alice").doesNotContain("203.0.113");
      }
    }

    @Test
    void aFailingCacheLeavesTheProcessItsOwnThrottle() {
      chat.cache.orElseThrow().failingEverything();

      for (int i = 0; i < 5; i++) {
        wrong("alice", ATTACKER);
      }

      assertThat(throttled("alice", ATTACKER).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  abstract static class Scenarios {
    final TestChat chat;

    Scenarios(boolean cached) {
      this.chat =
          TestChat.withLimits(
              cached, ChatSettings.Limits.DEFAULT.withSignIn(5, Duration.ofMinutes(5)));
      chat.core.signUp().signUp(SignUp.of("alice", "correct horse"), HOME);
      chat.core.signUp().signUp(SignUp.of("bob", "correct horse"), HOME);
    }

    void wrong(String handle, ClientAddress from) {
      refused(
          Problem.INVALID_CREDENTIALS,
          () -> chat.core.signIn().signIn(SignIn.of(handle, "wrong guess"), from));
    }

    Session right(String handle, ClientAddress from) {
      return chat.core.signIn().signIn(SignIn.of(handle, "correct horse"), from);
    }

    RateLimitedException throttled(String handle, ClientAddress from) {
      Throwable thrown =
          catchThrowable(() -> chat.core.signIn().signIn(SignIn.of(handle, "any guess"), from));
      assertThat(thrown).isInstanceOf(RateLimitedException.class);
      RateLimitedException limited = (RateLimitedException) thrown;
      assertThat(limited.problem()).isEqualTo(Problem.RATE_LIMITED);
      return limited;
    }

    @Test
    void fiveFailuresAreFreeThenTheBackOffDoublesUpToItsCap() {
      for (int i = 0; i < 5; i++) {
        wrong("alice", ATTACKER);
      }
      List<Duration> waits = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Duration wait = throttled("alice", ATTACKER).retryAfter();
        waits.add(wait);
        chat.clock.advance(wait);
        wrong("alice", ATTACKER);
      }

      assertThat(waits.subList(0, 5))
          .containsExactly(
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofSeconds(4),
              Duration.ofSeconds(8),
              Duration.ofSeconds(16));
      assertThat(waits).allMatch(w -> w.compareTo(MAX) <= 0);
      assertThat(waits.get(waits.size() - 1)).isEqualTo(MAX);
    }

    @Test
    void aHeldBackAttemptNeitherReadsTheUserNorChecksThePassword() {
      for (int i = 0; i < 5; i++) {
        wrong("alice", ATTACKER);
      }
      chat.metrics.reset();

      throttled("alice", ATTACKER);

      assertThat(chat.metrics.count(c -> c.port().equals("users"))).isZero();
    }

    @Test
    void anUnknownHandleIsHeldBackExactlyAsAWrongPasswordIs() {
      for (int i = 0; i < 5; i++) {
        wrong("alice", ATTACKER);
        wrong("nobody_here", ATTACKER);
      }

      assertThat(throttled("nobody_here", ATTACKER).retryAfter())
          .isEqualTo(throttled("alice", ATTACKER).retryAfter());
    }

    @Test
    void theRightPasswordFromTheAttackersAddressWaitsLikeAnyOther() {
      for (int i = 0; i < 5; i++) {
        wrong("alice", ATTACKER);
      }

      throttled("alice", ATTACKER);
      chat.clock.advance(Duration.ofSeconds(1));
      assertThat(right("alice", ATTACKER).handle().value()).isEqualTo("alice");
    }

    @Test
    void aSuccessForgetsThePairsFailures() {
      for (int i = 0; i < 4; i++) {
        wrong("alice", CAFE);
      }
      right("alice", CAFE);

      for (int i = 0; i < 4; i++) {
        wrong("alice", CAFE);
      }
      assertThat(right("alice", CAFE).handle().value()).isEqualTo("alice");
    }

    @Test
    void failuresFromManyAddressesHoldTheHandleBackOnlyForAddressesItHasNotUsed() {
      // a distributed attack: two failures from each of five addresses, none of them held back
      for (int i = 0; i < 5; i++) {
        ClientAddress bot = ClientAddress.of("203.0.113." + (100 + i));
        wrong("alice", bot);
        wrong("alice", bot);
      }

      RateLimitedException fresh = throttled("alice", CAFE);
      assertThat(fresh.retryAfter()).isLessThanOrEqualTo(MAX);
      assertThat(right("alice", HOME).handle().value()).isEqualTo("alice");
      assertThat(right("bob", CAFE).handle().value()).isEqualTo("bob");
    }

    @Test
    void anAddressThatFailsForManyHandlesIsHeldBackButNotForHandlesThatUseIt() {
      for (int i = 0; i < 20; i++) {
        wrong("victim_" + i, HOME);
      }

      throttled("carol", HOME);
      assertThat(right("alice", HOME).handle().value()).isEqualTo("alice");
    }

    @Test
    void theLockoutOfAnUnusedAddressEndsWithinTheCapAfterTheAttackStops() {
      for (int round = 0; round < 40; round++) {
        ClientAddress bot = ClientAddress.of("203.0.113." + round);
        Throwable t =
            catchThrowable(() -> chat.core.signIn().signIn(SignIn.of("alice", "guess"), bot));
        assertThat(t).isNotNull();
      }
      RateLimitedException held = throttled("alice", CAFE);
      assertThat(held.retryAfter()).isLessThanOrEqualTo(MAX);

      chat.clock.advance(MAX);
      assertThat(right("alice", CAFE).handle().value()).isEqualTo("alice");
    }

    @Test
    void anAddressInRegularUseStaysKnownPastThirtyDays() {
      chat.clock.advance(Duration.ofDays(29));
      right("alice", HOME);
      chat.clock.advance(Duration.ofDays(29));
      for (int i = 0; i < 5; i++) {
        ClientAddress bot = ClientAddress.of("203.0.113." + (100 + i));
        wrong("alice", bot);
        wrong("alice", bot);
      }

      throttled("alice", CAFE);
      assertThat(right("alice", HOME).handle().value()).isEqualTo("alice");
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressAcrossTheir64() {
      for (int i = 0; i < 5; i++) {
        wrong("alice", ClientAddress.of("2001:db8:1:2::" + Integer.toHexString(i + 1)));
      }

      throttled("alice", ClientAddress.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    }
  }

  @Test
  void oneAttemptPerHandleIsCheckedAtATimeFromUnknownAddresses() {
    FakeClock clock = new FakeClock();
    SignInThrottle throttle = new SignInThrottle(5, MAX, NoCache.INSTANCE, TestChat.key(3), clock);
    Handle alice = new Handle("alice");
    throttle.remember(alice, HOME);

    try (SignInThrottle.Attempt first = throttle.admit(alice, ATTACKER)) {
      Throwable second = catchThrowable(() -> throttle.admit(alice, CAFE));
      assertThat(second).isInstanceOf(RateLimitedException.class);
      assertThat(((RateLimitedException) second).retryAfterSeconds()).isEqualTo(1);
      try (SignInThrottle.Attempt home = throttle.admit(alice, HOME)) {
        home.succeeded();
      }
      first.failed();
    }
    try (SignInThrottle.Attempt next = throttle.admit(alice, CAFE)) {
      next.failed();
    }
  }

  @Test
  void twoProcessesOnOneCacheShareTheFailures() {
    FakeClock clock = new FakeClock();
    FakeCache cache = new FakeCache();
    SignInThrottle one = new SignInThrottle(5, MAX, cache, TestChat.key(3), clock);
    SignInThrottle other = new SignInThrottle(5, MAX, cache, TestChat.key(3), clock);
    Handle alice = new Handle("alice");

    for (int i = 0; i < 5; i++) {
      try (SignInThrottle.Attempt a = (i % 2 == 0 ? one : other).admit(alice, ATTACKER)) {
        a.failed();
      }
    }

    assertThat(catchThrowable(() -> one.admit(alice, ATTACKER)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(catchThrowable(() -> other.admit(alice, ATTACKER)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(cache.keys()).noneMatch(k -> k.contains("alice"));
    assertThat(
            cache.keys().stream()
                .flatMap(k -> cache.peekList(k).stream())
                .map(b -> new String(b, StandardCharsets.ISO_8859_1)))
        .noneMatch(v -> v.contains("203.0.113"));
  }

  @Test
  void aLeaseLeftByADeadProcessIsNotHeldForever() {
    FakeClock clock = new FakeClock();
    FakeCache cache = new FakeCache();
    SignInThrottle dead = new SignInThrottle(5, MAX, cache, TestChat.key(3), clock);
    SignInThrottle alive = new SignInThrottle(5, MAX, cache, TestChat.key(3), clock);
    Handle alice = new Handle("alice");

    dead.admit(alice, ATTACKER); // never closed: its process died
    assertThat(catchThrowable(() -> alive.admit(alice, CAFE)))
        .isInstanceOf(RateLimitedException.class);

    // the fake cache keeps TTLs without enforcing them: expire the lease as the real cache would
    cache.keys().stream().filter(k -> k.startsWith("hc1:sin:lh:")).forEach(cache::delete);
    alive.admit(alice, CAFE).close();
  }

  @Test
  void zeroFreeFailuresTurnsThrottlingOff() {
    TestChat chat = TestChat.withLimits(false, ChatSettings.Limits.DEFAULT.withSignIn(0, MAX));
    chat.signUp("alice");
    for (int i = 0; i < 50; i++) {
      refused(
          Problem.INVALID_CREDENTIALS,
          () -> chat.core.signIn().signIn(SignIn.of("alice", "nope nope"), ATTACKER));
    }
    assertThat(chat.core.signIn().signIn(SignIn.of("alice", "correct horse"), ATTACKER))
        .isNotNull();
  }

  @Test
  void theBackOffNeverExceedsItsCap() {
    SignInThrottle throttle =
        new SignInThrottle(
            5,
            Duration.ofSeconds(3),
            (CacheStore) NoCache.INSTANCE,
            TestChat.key(3),
            new FakeClock());
    assertThat(throttle.backoff(4, 5)).isZero();
    assertThat(throttle.backoff(5, 5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.backoff(6, 5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.backoff(7, 5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(throttle.backoff(64, 5)).isEqualTo(Duration.ofSeconds(3));
  }
}
