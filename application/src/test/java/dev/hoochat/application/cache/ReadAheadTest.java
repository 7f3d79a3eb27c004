package dev.hoochat.application.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeCache.Op;
import dev.hoochat.application.fakes.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Unit test: keys read ahead cost one round trip, and never answer what a read one by one would not
 * — not after this thread wrote the key, not twice, not on another thread, not after the scope.
 */
class ReadAheadTest {
  private static final Duration TTL = Duration.ofMinutes(5);

  private final FakeCache backend = new FakeCache();
  private final ReadAhead cache = new ReadAhead(backend);

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static Optional<String> text(Optional<byte[]> b) {
    return b.map(v -> new String(v, UTF_8));
  }

  @Test
  void theKeysReadAheadAreAnsweredFromOneRoundTrip() {
    backend.put("principal", bytes("alice"), TTL);
    backend.put("group", bytes("g1"), TTL);
    backend.forgetCalls();

    try (ReadAhead.Scope ahead = cache.open(List.of("principal", "group", "absent"))) {
      assertThat(text(cache.get("principal"))).hasValue("alice");
      assertThat(text(cache.get("group"))).hasValue("g1");
      assertThat(cache.get("absent")).isEmpty();
    }

    assertThat(backend.calls(Op.GET_MANY)).isEqualTo(1);
    assertThat(backend.totalCalls()).isEqualTo(1);
  }

  @Test
  void eachAnswerServesOneReadAndTheScopeEndsIt() {
    backend.put("group", bytes("old"), TTL);
    backend.put("other", bytes("o"), TTL);
    try (ReadAhead.Scope ahead = cache.open(List.of("group", "other"))) {
      assertThat(text(cache.get("group"))).hasValue("old");
      backend.put("group", bytes("changed elsewhere"), TTL);
      assertThat(text(cache.get("group")))
          .as("a second read asks the cache")
          .hasValue("changed elsewhere");
    }
    backend.put("other", bytes("o2"), TTL);
    assertThat(text(cache.get("other"))).as("after the scope").hasValue("o2");
  }

  @Test
  void thisThreadsOwnWriteDropsWhatWasReadAhead() {
    backend.put("group", bytes("before"), TTL);
    backend.put("window", bytes("w"), TTL);
    backend.put("gone", bytes("x"), TTL);
    try (ReadAhead.Scope ahead = cache.open(List.of("group", "window", "gone"))) {
      cache.put("group", bytes("after"), TTL);
      cache.delete("gone");
      assertThat(cache.putIfAbsent("window", bytes("w2"), TTL)).isFalse();

      assertThat(text(cache.get("group"))).hasValue("after");
      assertThat(cache.get("gone")).isEmpty();
      assertThat(cache.getMany(List.of("window"))).containsOnlyKeys("window");
    }
    assertThat(backend.calls(Op.GET)).as("the dropped keys were read again").isEqualTo(2);
  }

  @Test
  void anotherThreadReadsTheCacheItself() throws Exception {
    backend.put("group", bytes("v1"), TTL);
    try (ReadAhead.Scope ahead = cache.open(List.of("group"))) {
      backend.put("group", bytes("v2"), TTL);
      String elsewhere =
          CompletableFuture.supplyAsync(() -> text(cache.get("group")).orElseThrow()).get();
      assertThat(elsewhere).isEqualTo("v2");
      assertThat(text(cache.get("group"))).hasValue("v1");
    }
  }

  @Test
  void aBatchedReadTakesWhatWasReadAheadAndFetchesOnlyTheRest() {
    backend.put("a", bytes("1"), TTL);
    backend.put("b", bytes("2"), TTL);
    try (ReadAhead.Scope ahead = cache.open(List.of("a"))) {
      backend.forgetCalls();
      assertThat(cache.getMany(List.of("a", "b")))
          .containsOnlyKeys("a", "b")
          .hasEntrySatisfying("a", v -> assertThat(new String(v, UTF_8)).isEqualTo("1"));
      assertThat(backend.calls(Op.GET_MANY)).isEqualTo(1);
    }
  }

  @Test
  void aNestedScopeReadsNothingMoreAndLeavesTheOuterOneOpen() {
    backend.put("a", bytes("1"), TTL);
    backend.put("b", bytes("2"), TTL);
    try (ReadAhead.Scope outer = cache.open(List.of("a"))) {
      backend.forgetCalls();
      try (ReadAhead.Scope inner = cache.open(List.of("b"))) {
        assertThat(backend.totalCalls()).isZero();
      }
      assertThat(text(cache.get("a"))).hasValue("1");
      assertThat(backend.totalCalls()).as("a still answered from the outer scope").isZero();
    }
  }

  @Test
  void aFailedReadAheadMissesAsAFailedReadWould() {
    backend.put("group", bytes("g"), TTL);
    ResilientCache resilient =
        new ResilientCache(backend.failing(Op.GET_MANY), new FakeClock(), Duration.ofSeconds(10));
    ReadAhead overFailing = new ReadAhead(resilient);
    try (ReadAhead.Scope ahead = overFailing.open(List.of("group"))) {
      assertThat(overFailing.get("group")).isEmpty();
    }
  }
}
