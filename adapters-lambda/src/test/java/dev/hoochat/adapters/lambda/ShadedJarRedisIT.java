package dev.hoochat.adapters.lambda;

import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the deployable jar: the three functions of the template, each in its own JVM
 * under the Lambda runtime interface client, with DynamoDB (dynalite) as the store and Redis as the
 * cache. Proves that the shaded, minimized jar holds every class these paths load, by name or
 * otherwise, and that a group's messages reach every connection in order when several execution
 * environments post to it. The anonymity check reads the table, Redis and the functions' output.
 */
class ShadedJarRedisIT extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    return JarDeployment.onDynamoDb(
        Map.of("HOOCHAT_CACHE", "redis", "HOOCHAT_REDIS_URL", redis.url()), redis::contents);
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
