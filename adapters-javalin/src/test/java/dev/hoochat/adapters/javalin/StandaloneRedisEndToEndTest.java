package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.testsupport.redis.RedisTestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;

/**
 * The whole API on the standalone server with Redis as the cache; the anonymity check also reads
 * every key Redis holds with a real client.
 */
class StandaloneRedisEndToEndTest extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    StandaloneDeployment server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .cache(ServerConfig.CacheChoice.REDIS)
                .redisUrl(URI.create(redis.url()))
                .postsPerMinute(0)
                .passwordIterations(1_000)
                .build(),
            this::everythingInRedis);
    return server;
  }

  /** Every string value and list entry in Redis, read with a real client. */
  private List<String> everythingInRedis() {
    List<String> texts = new ArrayList<>();
    try (RedisClient client = RedisClient.create(redis.url())) {
      for (String key : client.keys("*")) {
        String type = client.type(key);
        if ("string".equals(type)) {
          texts.add(
              key
                  + "="
                  + new String(
                      client.get(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                      java.nio.charset.StandardCharsets.ISO_8859_1));
        } else if ("list".equals(type)) {
          for (byte[] entry :
              client.lrange(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, -1)) {
            texts.add(key + "=" + new String(entry, java.nio.charset.StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
    return texts;
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
