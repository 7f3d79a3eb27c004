package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.wiring.CacheChoice;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the standalone server with Redis as the cache; the anonymity check also reads
 * every key Redis holds with a real client.
 */
class StandaloneRedisEndToEndTest extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder()
            .cache(CacheChoice.REDIS)
            .redisUrl(URI.create(redis.url()))
            .postsPerMinute(0)
            .passwordIterations(1_000)
            .build(),
        redis::contents);
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
