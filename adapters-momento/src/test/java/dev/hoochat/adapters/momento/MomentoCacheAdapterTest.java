package dev.hoochat.adapters.momento;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.CacheStoreContract;
import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.localservers.momento.MomentoTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Momento SDK against the Momento test server, held to the cache contract. */
class MomentoCacheAdapterTest extends CacheStoreContract {
  private static final String CACHE = "hoochat-contract";

  private static MomentoTestServer momento;
  private static MomentoCacheAdapter cache;

  private final String prefix = "momento:" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startMomento() {
    momento = MomentoTestServer.start();
    cache = MomentoCacheAdapter.start(MomentoSettings.local(momento.endpoint(), CACHE));
  }

  @AfterAll
  static void stopMomento() {
    if (cache != null) {
      cache.close();
    }
    if (momento != null) {
      momento.close();
    }
  }

  @Override
  protected CacheStore cache() {
    return cache;
  }

  @Override
  protected void timePasses(Duration duration) {
    momento.advance(duration);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void getManyOfFiftyKeysIsOneGetBatchCall() {
    List<String> keys = IntStream.range(0, 50).mapToObj(i -> prefix + "member:" + i).toList();
    cache.put(keys.get(7), bytes("seven"), Duration.ofMinutes(5));
    long batchesBefore = momento.calls("GetBatch");
    long getsBefore = momento.calls("Get");

    Map<String, byte[]> found = cache.getMany(keys);

    assertThat(found).containsOnlyKeys(keys.get(7));
    assertThat(momento.calls("GetBatch")).isEqualTo(batchesBefore + 1);
    assertThat(momento.calls("Get")).isEqualTo(getsBefore);
  }

  @Test
  void appendingToTheWindowIsOneCallThatTruncatesAndSetsTheTtl() {
    String key = prefix + "window";
    long before = momento.calls("ListConcatenateBack");

    cache.appendToList(key, List.of(bytes("a"), bytes("b"), bytes("c")), 2, Duration.ofMinutes(1));

    assertThat(momento.calls("ListConcatenateBack")).isEqualTo(before + 1);
    assertThat(momento.lists(CACHE).get(key))
        .extracting(b -> new String(b, UTF_8))
        .containsExactly("b", "c");
    momento.advance(Duration.ofMinutes(1));
    assertThat(cache.readList(key)).isEmpty();
  }

  @Test
  void aTtlBeyondMomentosDayIsCappedNotRefused() {
    String key = prefix + "long-lived";

    cache.put(key, bytes("v"), Duration.ofDays(7));
    assertThat(cache.get(key)).isPresent();

    momento.advance(Duration.ofHours(24));
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void aValueOverMomentosFiveMegabytesIsRefusedBeforeAnyCall() {
    long setsBefore = momento.calls("Set");

    assertThatThrownBy(
            () -> cache.put(prefix + "huge", new byte[5 * 1024 * 1024 + 1], Duration.ofMinutes(1)))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("5 MB");
    assertThat(momento.calls("Set")).isEqualTo(setsBefore);
  }

  @Test
  void whatIsStoredIsExactlyTheBytesPutUnderTheirKeysInTheNamedCache() {
    cache.put(prefix + "profile", bytes("opaque"), Duration.ofMinutes(1));

    assertThat(momento.values(CACHE)).containsKey(prefix + "profile");
    assertThat(momento.values(CACHE).get(prefix + "profile")).isEqualTo(bytes("opaque"));
  }
}
