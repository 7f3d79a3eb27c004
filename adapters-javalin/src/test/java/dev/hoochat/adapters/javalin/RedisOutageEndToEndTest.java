package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.wiring.CacheChoice;
import java.net.URI;

/** Redis stops (connections refused), then freezes (it accepts but never answers), then returns. */
class RedisOutageEndToEndTest extends CacheOutageScenario {
  private RedisTestServer redis;

  @Override
  protected ServerConfig startCache() {
    redis = RedisTestServer.startLocal();
    return ServerConfig.embedded().toBuilder()
        .cache(CacheChoice.REDIS)
        .redisUrl(URI.create(redis.url()))
        .build();
  }

  @Override
  protected void breakCache() {
    redis.stop();
  }

  @Override
  protected void hangCache() {
    redis.startAgain();
    redis.freeze();
  }

  @Override
  protected void repairCache() {
    redis.thaw();
  }

  @Override
  protected void stopCache() {
    if (redis != null) {
      redis.close();
    }
  }
}
