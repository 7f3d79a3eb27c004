package dev.hoochat.adapters.lambda;

import static dev.hoochat.adapters.lambda.LocalBackends.randomKey;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.testsupport.redis.RedisTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the Lambda functions behind the local gateway, as deployed: DynamoDB (dynalite)
 * as the store and Redis as the cache. The anonymity check also scans every item of the table.
 */
class LambdaDynamoDbRedisEndToEndTest extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    DynamoDbSettings dynamo = LocalBackends.freshTable("hoochat-lambda-e2e");
    return LambdaDeployment.start(
        Map.of(
            "HOOCHAT_STORE", "dynamodb",
            "HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString(),
            "HOOCHAT_DYNAMODB_TABLE", dynamo.table(),
            "HOOCHAT_CACHE", "redis",
            "HOOCHAT_REDIS_URL", redis.url(),
            "HOOCHAT_TOKEN_KEY", randomKey(),
            "HOOCHAT_SENDER_KEY", randomKey()),
        () -> LocalBackends.items(dynamo));
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
