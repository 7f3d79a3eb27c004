package dev.hoochat.adapters.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.RedisClient;

/** What the URL says is what the adapter does: credentials and database, on a Redis of our own. */
class RedisConnectionTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static RedisTestServer redis;

  @BeforeAll
  static void startRedisWithAclUser() {
    redis = RedisTestServer.startLocal();
    try (RedisClient admin = RedisClient.create(redis.url())) {
      admin.sendCommand(Command.ACL, "SETUSER", "alice", "on", ">wonderland", "~*", "+@all");
      admin.sendCommand(Command.CONFIG, "SET", "requirepass", "defaultsecret");
    }
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static RedisCacheAdapter connect(String credentials, String path) {
    return RedisCacheAdapter.connect(
        RedisSettings.fromUrl("redis://" + credentials + "127.0.0.1:" + redis.port() + path));
  }

  @Test
  void anAclUserWithItsPasswordCanUseTheCache() {
    try (RedisCacheAdapter cache = connect("alice:wonderland@", "")) {
      cache.checkReachable();
      cache.put("acl", "ok".getBytes(UTF_8), LONG);

      assertThat(cache.get("acl"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo("ok".getBytes(UTF_8)));
    }
  }

  @Test
  void theDefaultUsersPasswordAloneCanUseTheCache() {
    try (RedisCacheAdapter cache = connect(":defaultsecret@", "")) {
      cache.checkReachable();
    }
  }

  @Test
  void aWrongPasswordFailsTheStartCheckWithOneLineThatHidesIt() {
    try (RedisCacheAdapter cache = connect("alice:guess@", "")) {
      assertThatThrownBy(cache::checkReachable)
          .isInstanceOf(CacheException.class)
          .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " is unreachable: ")
          .hasMessageContaining("WRONGPASS")
          .hasMessageNotContaining("guess")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void theDatabaseInTheUrlKeepsItsKeysApart() {
    try (RedisCacheAdapter db3 = connect(":defaultsecret@", "/3");
        RedisCacheAdapter db4 = connect(":defaultsecret@", "/4")) {
      db3.put("shared-name", "three".getBytes(UTF_8), LONG);

      assertThat(db4.get("shared-name")).isEmpty();
      assertThat(db3.get("shared-name")).isPresent();
    }
  }
}
