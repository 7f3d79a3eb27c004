package dev.hoochat.adapters.lambda;

import static dev.hoochat.adapters.lambda.LocalBackends.randomKey;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.testsupport.redis.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the deployable jar: the three functions of the template, each in its own JVM
 * under the Lambda runtime interface client, with DynamoDB (dynalite) as the store and Redis as the
 * cache. Proves that the shaded, minimized jar holds every class these paths load, by name or
 * otherwise. The anonymity check reads the table, Redis and the functions' log output.
 */
class ShadedJarRedisIT extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    DynamoDbSettings dynamo = LocalBackends.freshTable("hoochat-jar");
    return JarDeployment.start(
        Map.of(
            "HOOCHAT_STORE", "dynamodb",
            "HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString(),
            "HOOCHAT_DYNAMODB_TABLE", dynamo.table(),
            "HOOCHAT_CACHE", "redis",
            "HOOCHAT_REDIS_URL", redis.url(),
            "HOOCHAT_TOKEN_KEY", randomKey(),
            "HOOCHAT_SENDER_KEY", randomKey()),
        () -> {
          List<String> texts = new ArrayList<>(LocalBackends.items(dynamo));
          texts.addAll(redis.contents());
          return texts;
        });
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
