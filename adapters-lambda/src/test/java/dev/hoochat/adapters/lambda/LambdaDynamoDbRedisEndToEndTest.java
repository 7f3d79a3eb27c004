package dev.hoochat.adapters.lambda;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.testsupport.dynamodb.DynaliteLauncher;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.testsupport.redis.RedisTestServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole API on the Lambda functions behind the local gateway, as deployed: DynamoDB (dynalite)
 * as the store and Redis as the cache. The anonymity check also scans every item of the table.
 */
class LambdaDynamoDbRedisEndToEndTest extends ChatEndToEndSuite {
  private static final String TABLE = "hoochat-lambda-e2e";

  private RedisTestServer redis;
  private DynamoDbSettings dynamo;

  @Override
  protected ChatDeployment deploy() {
    redis = RedisTestServer.startLocal();
    dynamo = DynamoDbSettings.local(DynaliteLauncher.shared().endpoint(), TABLE);
    try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
      dynamo.tableDefinition().createIfMissing(client, Duration.ofSeconds(30));
    }
    return LambdaDeployment.start(
        Map.of(
            "HOOCHAT_STORE", "dynamodb",
            "HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString(),
            "HOOCHAT_DYNAMODB_TABLE", TABLE,
            "HOOCHAT_CACHE", "redis",
            "HOOCHAT_REDIS_URL", redis.url(),
            "HOOCHAT_TOKEN_KEY", randomKey(),
            "HOOCHAT_SENDER_KEY", randomKey()),
        this::everyItem);
  }

  /** Every item of the table, as text. */
  private List<String> everyItem() {
    List<String> items = new ArrayList<>();
    try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
      client.scanPaginator(r -> r.tableName(TABLE)).items().forEach(i -> items.add(i.toString()));
    }
    return items;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
