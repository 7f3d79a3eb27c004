package dev.hoochat.adapters.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that dies, hangs or comes back: every operation fails as a {@link CacheException} (which
 * the caching policy turns into a miss), and the same adapter recovers without being rebuilt.
 */
class RedisOutageTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final byte[] VALUE = "v".getBytes(UTF_8);

  private RedisTestServer redis;
  private RedisCacheAdapter cache;

  @BeforeEach
  void startOwnRedis() {
    redis = RedisTestServer.startLocal();
    cache = RedisCacheAdapter.connect(RedisSettings.fromUrl(redis.url()));
    cache.checkReachable();
  }

  @AfterEach
  void stopIt() {
    cache.close();
    redis.close();
  }

  private List<ThrowingCallable> everyOperation() {
    return List.of(
        () -> cache.get("k"),
        () -> cache.getMany(List.of("a", "b")),
        () -> cache.put("k", VALUE, LONG),
        () -> cache.putIfAbsent("k", VALUE, LONG),
        () -> cache.delete("k"),
        () -> cache.appendToList("l", List.of(VALUE), 100, LONG),
        () -> cache.readList("l"),
        () -> cache.checkReachable());
  }

  private void assertEveryOperationFailsAsACacheError() {
    everyOperation()
        .forEach(
            operation ->
                assertThatThrownBy(operation)
                    .isInstanceOf(CacheException.class)
                    .hasMessageContaining("127.0.0.1:" + redis.port()));
  }

  private static final Consumer<RedisCacheAdapter> WORKS =
      cache -> {
        cache.put("back", VALUE, LONG);
        assertThat(cache.get("back")).hasValueSatisfying(v -> assertThat(v).isEqualTo(VALUE));
        cache.appendToList("back-list", List.of(VALUE), 100, LONG);
        assertThat(cache.readList("back-list")).hasSize(1);
      };

  @Test
  void aStoppedRedisMakesEveryOperationACacheError() {
    cache.put("k", VALUE, LONG);

    redis.stop();

    assertEveryOperationFailsAsACacheError();
  }

  @Test
  void theSameAdapterWorksAgainWhenRedisComesBack() {
    cache.put("k", VALUE, LONG);
    redis.stop();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheException.class);

    redis.startAgain();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> WORKS.accept(cache));
    assertThat(cache.get("k")).as("a restarted Redis starts empty").isEmpty();
  }

  @Test
  void aHungRedisMakesEveryOperationACacheErrorInsteadOfBlocking() {
    cache.put("k", VALUE, LONG);

    redis.freeze();

    assertEveryOperationFailsAsACacheError();
  }

  @Test
  void theSameAdapterWorksAgainWhenAHungRedisResumes() {
    redis.freeze();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheException.class);

    redis.thaw();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> WORKS.accept(cache));
  }

  @Test
  void anUnreachableRedisFailsTheStartCheckWithOneLine() {
    redis.stop();

    assertThatThrownBy(() -> cache.checkReachable())
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " is unreachable: ")
        .hasMessageNotContaining("\n");
  }
}
