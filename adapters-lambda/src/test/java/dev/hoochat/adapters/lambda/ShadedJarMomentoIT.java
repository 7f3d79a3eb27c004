package dev.hoochat.adapters.lambda;

import dev.hoochat.localservers.momento.MomentoTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the deployable jar with Momento as the cache: the real Momento SDK, gRPC and
 * Netty from the shaded jar against the Momento test server, DynamoDB (dynalite) as the store, each
 * function in its own JVM under the Lambda runtime interface client.
 */
class ShadedJarMomentoIT extends ChatEndToEndSuite {
  private static final String CACHE = "hoochat";
  private MomentoTestServer momento;

  @Override
  protected ChatDeployment deploy() {
    momento = MomentoTestServer.start();
    return JarDeployment.onDynamoDb(
        Map.of(
            "HOOCHAT_CACHE",
            "momento",
            "HOOCHAT_MOMENTO_ENDPOINT",
            momento.endpoint(),
            "HOOCHAT_MOMENTO_CACHE",
            CACHE),
        () -> momento.contents(CACHE));
  }

  @AfterAll
  void stopMomento() {
    if (momento != null) {
      momento.close();
    }
  }
}
