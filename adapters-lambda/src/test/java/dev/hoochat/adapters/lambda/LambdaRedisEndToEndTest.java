package dev.hoochat.adapters.lambda;

import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The whole API on the Lambda functions behind the local gateway, with Redis as the cache. */
class LambdaRedisEndToEndTest extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    return LambdaDeployment.start(
        Map.of(
            "HOOCHAT_STORE", "memory", "HOOCHAT_CACHE", "redis", "HOOCHAT_REDIS_URL", redis.url()));
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
