package dev.hoochat.adapters.momento;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.localservers.momento.MomentoTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting up, and what the adapter does when Momento fails or hangs. */
class MomentoCacheAdapterOutageTest {
  private static final Duration SHORT_DEADLINE = Duration.ofMillis(250);
  private static final Duration TTL = Duration.ofMinutes(5);

  private final MomentoTestServer momento = MomentoTestServer.start();
  private MomentoCacheAdapter cache;

  @AfterEach
  void stop() {
    if (cache != null) {
      cache.close();
    }
    momento.close();
  }

  private MomentoCacheAdapter start(String cacheName) {
    cache =
        MomentoCacheAdapter.start(
            MomentoSettings.local(momento.endpoint(), cacheName)
                .withRequestTimeout(SHORT_DEADLINE));
    return cache;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static Map<String, Consumer<CacheStore>> everyOperation() {
    Map<String, Consumer<CacheStore>> operations = new LinkedHashMap<>();
    operations.put("get", c -> c.get("k"));
    operations.put("getMany", c -> c.getMany(List.of("a", "b")));
    operations.put("put", c -> c.put("k", bytes("v"), TTL));
    operations.put("putIfAbsent", c -> c.putIfAbsent("k2", bytes("v"), TTL));
    operations.put("delete", c -> c.delete("k"));
    operations.put("appendToList", c -> c.appendToList("l", List.of(bytes("x")), 100, TTL));
    operations.put("readList", c -> c.readList("l"));
    return operations;
  }

  private static void assertEveryOperationThrowsCacheException(CacheStore cache) {
    everyOperation()
        .forEach(
            (name, operation) ->
                assertThatThrownBy(() -> operation.accept(cache))
                    .as(name)
                    .isInstanceOf(CacheException.class));
  }

  @Test
  void theCacheIsCreatedOnStartWhenAbsent() {
    assertThat(momento.cacheNames()).doesNotContain("fresh");

    start("fresh").put("k", bytes("v"), TTL);

    assertThat(momento.cacheNames()).contains("fresh");
    assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
  }

  @Test
  void startingOnACacheThatExistsKeepsWhatItHolds() {
    try (MomentoCacheAdapter first =
        MomentoCacheAdapter.start(MomentoSettings.local(momento.endpoint(), "shared"))) {
      first.put("k", bytes("kept"), TTL);
    }

    start("shared");

    assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("kept")));
  }

  @Test
  void everyOperationThrowsCacheExceptionWhileMomentoFails() {
    start("failing");

    momento.failEveryCall();

    assertEveryOperationThrowsCacheException(cache);
  }

  @Test
  void everyOperationThrowsCacheExceptionWhileMomentoHangsAndWorksAgainAfter() {
    start("hanging");
    cache.put("before", bytes("v"), TTL);

    momento.hangEveryCall();
    assertEveryOperationThrowsCacheException(cache);

    momento.answerNormally();
    cache.put("after", bytes("back"), TTL);
    assertThat(cache.get("after")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("back")));
    assertThat(cache.get("before")).isPresent();
  }

  @Test
  void startFailsFastWhenMomentoFails() {
    momento.failEveryCall();

    assertThatThrownBy(() -> start("refused"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void startFailsFastWhenNothingListensAtTheEndpoint() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                MomentoCacheAdapter.start(
                    MomentoSettings.local("127.0.0.1:" + closedPort, "nowhere")))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void aMalformedEndpointIsRefusedWithAOneLineReason() {
    assertThatThrownBy(() -> MomentoSettings.local("no-port-here", "hoochat"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host:port");
  }
}
