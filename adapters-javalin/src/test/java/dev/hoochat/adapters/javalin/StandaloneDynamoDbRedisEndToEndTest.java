package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.wiring.CacheChoice;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;

/** The production shape of the standalone server: DynamoDB as the store, Redis in front of it. */
class StandaloneDynamoDbRedisEndToEndTest extends ChatEndToEndSuite {
  private RedisTestServer redis;

  @Override
  protected ChatDeployment deploy() {
    DynaliteLauncher dynalite = DynaliteLauncher.shared();
    redis = RedisTestServer.startLocal();
    ServerConfig config =
        DynaliteTables.serverOn(dynalite.endpoint())
            .cache(CacheChoice.REDIS)
            .redisUrl(URI.create(redis.url()))
            .build();
    return StandaloneDeployment.start(
        config, () -> DynaliteTables.scan(dynalite.endpoint(), config.dynamoDbTable()));
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }
}
