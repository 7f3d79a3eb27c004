package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.wiring.CacheChoice;

/**
 * The whole API on the standalone server with DynamoDB (dynalite) as the store and no cache; the
 * anonymity check scans the table with a real client.
 */
class StandaloneDynamoDbEndToEndTest extends ChatEndToEndSuite {

  @Override
  protected ChatDeployment deploy() {
    DynaliteLauncher dynalite = DynaliteLauncher.shared();
    ServerConfig config =
        DynaliteTables.serverOn(dynalite.endpoint()).cache(CacheChoice.NONE).build();
    return StandaloneDeployment.start(
        config, () -> DynaliteTables.scan(dynalite.endpoint(), config.dynamoDbTable()));
  }
}
