package dev.hoochat.application.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeCache.Op;
import dev.hoochat.application.fakes.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test: a failing cache costs misses, never wrong answers or failed requests. */
class ResilientCacheTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration COOL_OFF = Duration.ofSeconds(10);

  private final FakeClock clock = new FakeClock();
  private final FakeCache backend = new FakeCache();
  private final ResilientCache cache = new ResilientCache(backend, clock, COOL_OFF);

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, UTF_8);
  }

  @Test
  void aHealthyCacheIsPassedThrough() {
    cache.put("k", bytes("v"), TTL);

    assertThat(cache.get("k")).map(ResilientCacheTest::text).hasValue("v");
    assertThat(cache.getMany(List.of("k", "absent"))).containsOnlyKeys("k");
    assertThat(cache.putIfAbsent("k", bytes("other"), TTL)).isFalse();
    assertThat(cache.dirtyKeys()).isZero();
  }

  @Test
  void aFailedReadIsAMissNotAnError() {
    backend.put("k", bytes("v"), TTL);
    backend.failing(Op.GET, Op.GET_MANY, Op.READ_LIST);

    assertThat(cache.get("k")).isEmpty();
    assertThat(cache.getMany(List.of("k"))).isEmpty();
    assertThat(cache.readList("k")).isEmpty();
  }

  @Test
  void aFailedFillIsSkippedAndAnsweredAsNotStored() {
    backend.failing(Op.PUT_IF_ABSENT);

    assertThat(cache.putIfAbsent("k", bytes("v"), TTL)).isFalse();
    assertThat(cache.dirtyKeys()).isZero();
  }

  @Test
  void aFailedPutMarksTheKeySoItsOldValueIsNeverServedUntilADeleteSucceeds() {
    backend.put("k", bytes("old"), TTL);
    backend.failing(Op.PUT, Op.DELETE);

    cache.put("k", bytes("new"), TTL);

    assertThat(cache.dirtyKeys()).isEqualTo(1);
    // Reads work again, but the delete that would clean the key still fails: still a miss.
    backend.failing(Op.DELETE);
    assertThat(cache.get("k")).isEmpty();
    assertThat(cache.getMany(List.of("k"))).isEmpty();
    assertThat(cache.putIfAbsent("k", bytes("fill"), TTL)).isFalse();
    assertThat(backend.peek("k")).map(ResilientCacheTest::text).hasValue("old");

    clock.advance(COOL_OFF); // the failed deletes opened the circuit; let it close
    backend.healthy();
    assertThat(cache.get("k")).as("cleaned by a delete, so a miss").isEmpty();
    assertThat(cache.dirtyKeys()).isZero();
    assertThat(backend.holds("k")).isFalse();

    cache.put("k", bytes("newer"), TTL);
    assertThat(cache.get("k")).map(ResilientCacheTest::text).hasValue("newer");
  }

  @Test
  void aDirtyKeyDoesNotHideOtherKeysInABatch() {
    backend.put("clean", bytes("c"), TTL);
    backend.put("dirty", bytes("old"), TTL);
    backend.failing(Op.PUT, Op.DELETE);
    cache.put("dirty", bytes("new"), TTL);
    backend.failing(Op.DELETE);

    assertThat(cache.getMany(List.of("clean", "dirty"))).containsOnlyKeys("clean");
  }

  @Test
  void failedAppendsAndDeletesMarkTheirKeysToo() {
    backend.appendToList("list", List.of(bytes("old")), 10, TTL);
    backend.failing(Op.APPEND_TO_LIST, Op.DELETE);

    cache.appendToList("list", List.of(bytes("new")), 10, TTL);
    cache.delete("gone");

    assertThat(cache.dirtyKeys()).isEqualTo(2);
    backend.failing(Op.DELETE);
    assertThat(cache.readList("list")).isEmpty();
  }

  @Test
  void threeFailuresInARowOpenTheCircuitAndTheCacheIsLeftAloneUntilTheCoolOffEnds() {
    backend.failingEverything();
    for (int i = 0; i < ResilientCache.FAILURES_TO_OPEN; i++) {
      cache.get("k" + i);
    }
    int callsWhenOpened = backend.totalCalls();

    assertThat(cache.get("k")).isEmpty();
    assertThat(cache.getMany(List.of("a", "b"))).isEmpty();
    assertThat(cache.readList("l")).isEmpty();
    assertThat(cache.putIfAbsent("f", bytes("v"), TTL)).isFalse();
    cache.put("w", bytes("v"), TTL);

    assertThat(backend.totalCalls())
        .as("an open circuit makes no calls")
        .isEqualTo(callsWhenOpened);
    assertThat(cache.dirtyKeys()).as("writes skipped while open are remembered").isEqualTo(1);

    clock.advance(COOL_OFF.minusMillis(1));
    cache.get("k");
    assertThat(backend.totalCalls()).isEqualTo(callsWhenOpened);

    clock.advance(Duration.ofMillis(1));
    backend.healthy();
    backend.put("k", bytes("back"), TTL);
    assertThat(cache.get("k")).map(ResilientCacheTest::text).hasValue("back");
  }

  @Test
  void failuresThatAreNotInARowDoNotOpenTheCircuit() {
    backend.put("k", bytes("v"), TTL);
    for (int round = 0; round < 3; round++) {
      backend.failing(Op.GET);
      cache.get("k");
      cache.get("k");
      backend.healthy();
      assertThat(cache.get("k")).as("round %d", round).isPresent();
    }
  }

  @Test
  void aSuccessfulProbeAfterTheCoolOffClosesTheCircuit() {
    backend.failingEverything();
    for (int i = 0; i < ResilientCache.FAILURES_TO_OPEN; i++) {
      cache.get("k");
    }
    clock.advance(COOL_OFF);
    backend.healthy();
    backend.put("k", bytes("v"), TTL);

    assertThat(cache.get("k")).isPresent();
    backend.failing(Op.GET);
    cache.get("k");
    backend.healthy();
    assertThat(cache.get("k")).as("one failure after recovery does not reopen it").isPresent();
  }
}
