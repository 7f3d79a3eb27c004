package dev.hoochat.application.port.out;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CacheStore} must do, whatever server is behind it. The in-process cache, Redis
 * and Momento each extend this class unchanged.
 */
public abstract class CacheStoreContract {
  private static final Duration LONG = Duration.ofMinutes(5);

  /** The cache under test; a fresh or shared one, keys are unique per test. */
  protected abstract CacheStore cache();

  /**
   * Lets {@code duration} pass as the cache sees time: advance a fake clock, or nothing where the
   * server keeps real time (the expiry tests then wait, within a deadline).
   */
  protected void timePasses(Duration duration) {}

  /** A TTL short enough to wait out, long enough to read the value back first. */
  protected Duration shortTtl() {
    return Duration.ofMillis(300);
  }

  private final String prefix = "contract:" + UUID.randomUUID() + ":";

  private String key(String name) {
    return prefix + name;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void aValuePutIsReadBackByteForByte() {
    byte[] value = {0, 1, 2, (byte) 0xff, (byte) 0x80, 10, 13};
    cache().put(key("k"), value, LONG);

    assertThat(cache().get(key("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
  }

  @Test
  void anAbsentKeyIsAMiss() {
    assertThat(cache().get(key("never-written"))).isEmpty();
  }

  @Test
  void putOverwritesWhatWasThere() {
    cache().put(key("k"), bytes("old"), LONG);
    cache().put(key("k"), bytes("new"), LONG);

    assertThat(cache().get(key("k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("new")));
  }

  @Test
  void getManyAnswersThePresentKeysOnlyInOneCall() {
    cache().put(key("a"), bytes("1"), LONG);
    cache().put(key("c"), bytes("3"), LONG);

    Map<String, byte[]> found = cache().getMany(List.of(key("a"), key("b"), key("c")));

    assertThat(found).containsOnlyKeys(key("a"), key("c"));
    assertThat(found.get(key("a"))).isEqualTo(bytes("1"));
    assertThat(found.get(key("c"))).isEqualTo(bytes("3"));
  }

  @Test
  void getManyOfNothingIsEmpty() {
    assertThat(cache().getMany(List.of())).isEmpty();
  }

  @Test
  void getManyCarriesFiftyKeys() {
    for (int i = 0; i < 50; i += 2) {
      cache().put(key("m" + i), bytes("v" + i), LONG);
    }
    List<String> keys =
        java.util.stream.IntStream.range(0, 50).mapToObj(i -> key("m" + i)).toList();

    Map<String, byte[]> found = cache().getMany(keys);

    assertThat(found).hasSize(25);
    assertThat(found.get(key("m48"))).isEqualTo(bytes("v48"));
  }

  @Test
  void putIfAbsentStoresOnlyWhenAbsent() {
    assertThat(cache().putIfAbsent(key("k"), bytes("first"), LONG)).isTrue();
    assertThat(cache().putIfAbsent(key("k"), bytes("second"), LONG)).isFalse();

    assertThat(cache().get(key("k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
  }

  @Test
  void exactlyOneOfManyConcurrentPutIfAbsentWins() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Boolean> outcomes = new ConcurrentLinkedQueue<>();
    try {
      for (int i = 0; i < writers; i++) {
        byte[] mine = bytes("writer-" + i);
        pool.submit(
            () -> {
              start.await();
              outcomes.add(cache().putIfAbsent(key("race"), mine, LONG));
              return null;
            });
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes).hasSize(writers).containsOnlyOnce(true);
  }

  @Test
  void aDeletedKeyIsAMissAndCanBeFilledAgain() {
    cache().put(key("k"), bytes("v"), LONG);
    cache().delete(key("k"));

    assertThat(cache().get(key("k"))).isEmpty();
    assertThat(cache().putIfAbsent(key("k"), bytes("again"), LONG)).isTrue();
  }

  @Test
  void deletingAnAbsentKeyIsHarmless() {
    cache().delete(key("nothing"));

    assertThat(cache().get(key("nothing"))).isEmpty();
  }

  @Test
  void aValueExpiresAfterItsTtl() {
    cache().put(key("k"), bytes("v"), shortTtl());
    assertThat(cache().get(key("k"))).isPresent();

    timePasses(shortTtl().multipliedBy(2));

    await().atMost(Duration.ofSeconds(10)).until(() -> cache().get(key("k")).isEmpty());
  }

  @Test
  void aFillExpiresAfterItsTtlToo() {
    cache().putIfAbsent(key("k"), bytes("v"), shortTtl());
    assertThat(cache().get(key("k"))).isPresent();

    timePasses(shortTtl().multipliedBy(2));

    await().atMost(Duration.ofSeconds(10)).until(() -> cache().get(key("k")).isEmpty());
  }

  @Test
  void aListKeepsAppendsInOrder() {
    cache().appendToList(key("l"), List.of(bytes("1"), bytes("2")), 100, LONG);
    cache().appendToList(key("l"), List.of(bytes("3")), 100, LONG);

    assertThat(cache().readList(key("l")))
        .extracting(b -> new String(b, UTF_8))
        .containsExactly("1", "2", "3");
  }

  @Test
  void aListKeepsOnlyItsNewestEntries() {
    for (int i = 1; i <= 105; i++) {
      cache().appendToList(key("l"), List.of(bytes(Integer.toString(i))), 100, LONG);
    }

    List<byte[]> list = cache().readList(key("l"));

    assertThat(list).hasSize(100);
    assertThat(new String(list.get(0), UTF_8)).isEqualTo("6");
    assertThat(new String(list.get(99), UTF_8)).isEqualTo("105");
  }

  @Test
  void aBatchAppendLongerThanTheCapKeepsItsTail() {
    List<byte[]> many =
        java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> bytes("e" + i)).toList();

    cache().appendToList(key("l"), many, 5, LONG);

    assertThat(cache().readList(key("l")))
        .extracting(b -> new String(b, UTF_8))
        .containsExactly("e4", "e5", "e6", "e7", "e8");
  }

  @Test
  void anAbsentListReadsEmpty() {
    assertThat(cache().readList(key("no-list"))).isEmpty();
  }

  @Test
  void aDeletedListIsGone() {
    cache().appendToList(key("l"), List.of(bytes("x")), 100, LONG);
    cache().delete(key("l"));

    assertThat(cache().readList(key("l"))).isEmpty();
  }

  @Test
  void aListExpiresAfterItsTtl() {
    cache().appendToList(key("l"), List.of(bytes("x")), 100, shortTtl());
    assertThat(cache().readList(key("l"))).hasSize(1);

    timePasses(shortTtl().multipliedBy(2));

    await().atMost(Duration.ofSeconds(10)).until(() -> cache().readList(key("l")).isEmpty());
  }

  @Test
  void concurrentAppendsAreAllKept() throws Exception {
    int writers = 4;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.submit(
            () -> {
              for (int i = 0; i < each; i++) {
                cache().appendToList(key("l"), List.of(bytes(writer + "-" + i)), 1000, LONG);
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache().readList(key("l"))).hasSize(writers * each);
  }

  @Test
  void valuesOfAFewKilobytesSurvive() {
    byte[] big = new byte[64 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    cache().put(key("big"), big, LONG);

    assertThat(cache().get(key("big"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
  }
}
