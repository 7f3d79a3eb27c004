package dev.hoochat.adapters.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.CacheStoreContract;
import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cache contract, and Redis specifics, against a real redis-server on loopback. */
class RedisCacheAdapterTest extends CacheStoreContract {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static RedisCacheAdapter cache;

  @BeforeAll
  static void connect() {
    cache = RedisCacheAdapter.connect(RedisSettings.fromUrl(RedisTestServer.shared().url()));
    cache.checkReachable();
  }

  @AfterAll
  static void disconnect() {
    cache.close();
  }

  @Override
  protected CacheStore cache() {
    return cache;
  }

  private static String key(String name) {
    return "redis-test:" + UUID.randomUUID() + ":" + name;
  }

  private static byte[] everyByte() {
    byte[] all = new byte[256 * 2];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return all;
  }

  @Test
  void everyByteValueSurvivesPutGetAndGetMany() {
    String key = key("binary");
    byte[] value = everyByte();

    cache.put(key, value, LONG);

    assertThat(cache.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    assertThat(cache.getMany(List.of(key)).get(key)).isEqualTo(value);
  }

  @Test
  void everyByteValueSurvivesAFillAndAList() {
    String fill = key("fill");
    String list = key("list");
    byte[] value = everyByte();
    byte[] invalidUtf8 = {(byte) 0xc3, (byte) 0x28, 0, (byte) 0xfe};

    cache.putIfAbsent(fill, value, LONG);
    cache.appendToList(list, List.of(value, invalidUtf8, new byte[0]), 10, LONG);

    assertThat(cache.get(fill)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    assertThat(cache.readList(list)).containsExactly(value, invalidUtf8, new byte[0]);
  }

  @Test
  void keysOutsideAsciiAreDistinctKeys() {
    String accented = key("café-ħ-群");
    String plain = key("cafe-h-group");

    cache.put(accented, "accented".getBytes(UTF_8), LONG);
    cache.put(plain, "plain".getBytes(UTF_8), LONG);

    Map<String, byte[]> found = cache.getMany(List.of(accented, plain));
    assertThat(found.get(accented)).isEqualTo("accented".getBytes(UTF_8));
    assertThat(found.get(plain)).isEqualTo("plain".getBytes(UTF_8));
  }

  @Test
  void anAppendOfNothingKeepsTheListAndItsEntries() {
    String list = key("list");
    cache.appendToList(list, List.of("a".getBytes(UTF_8)), 10, LONG);

    cache.appendToList(list, List.of(), 10, LONG);

    assertThat(cache.readList(list)).containsExactly("a".getBytes(UTF_8));
  }

  @Test
  void usingAValueAsAListIsACacheErrorNotACrash() {
    String key = key("plain-value");
    cache.put(key, "v".getBytes(UTF_8), LONG);

    assertThatThrownBy(() -> cache.readList(key))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("WRONGTYPE");
    assertThatThrownBy(() -> cache.appendToList(key, List.of("x".getBytes(UTF_8)), 10, LONG))
        .isInstanceOf(CacheException.class);
  }

  @Test
  void aNonPositiveTtlIsRefusedBeforeReachingRedis() {
    assertThatThrownBy(() -> cache.put(key("k"), new byte[] {1}, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TTL must be positive");
  }

  @Test
  void aReachableRedisPassesTheStartCheck() {
    cache.checkReachable();

    assertThat(cache.get(key("after-check"))).isEmpty();
  }
}
