package dev.hoochat.adapters.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.CacheStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryCacheAdapterTest extends CacheStoreContract {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-27T12:00:00Z"));
  private final MemoryCacheAdapter cache = new MemoryCacheAdapter(now::get, 10_000);

  @Override
  protected CacheStore cache() {
    return cache;
  }

  @Override
  protected void timePasses(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  @Test
  void theLeastRecentlyUsedEntryMakesRoomWhenFull() {
    MemoryCacheAdapter small = new MemoryCacheAdapter(now::get, 2);
    small.put("a", "1".getBytes(UTF_8), Duration.ofMinutes(1));
    small.put("b", "2".getBytes(UTF_8), Duration.ofMinutes(1));
    small.get("a");

    small.put("c", "3".getBytes(UTF_8), Duration.ofMinutes(1));

    assertThat(small.get("a")).isPresent();
    assertThat(small.get("b")).isEmpty();
    assertThat(small.get("c")).isPresent();
  }

  @Test
  void aValueIsLiveUntilTheInstantItsTtlEnds() {
    cache.put("k", "v".getBytes(UTF_8), Duration.ofSeconds(10));

    timePasses(Duration.ofMillis(9_999));
    assertThat(cache.get("k")).isPresent();

    timePasses(Duration.ofMillis(1));
    assertThat(cache.get("k")).isEmpty();
  }
}
