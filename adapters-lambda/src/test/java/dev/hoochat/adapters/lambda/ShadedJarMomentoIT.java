package dev.hoochat.adapters.lambda;

import static dev.hoochat.adapters.lambda.LocalBackends.randomKey;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.testsupport.momento.MomentoTestServer;
import java.util.ArrayList;
import java.util.List;
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
    DynamoDbSettings dynamo = LocalBackends.freshTable("hoochat-jar");
    return JarDeployment.start(
        Map.of(
            "HOOCHAT_STORE", "dynamodb",
            "HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString(),
            "HOOCHAT_DYNAMODB_TABLE", dynamo.table(),
            "HOOCHAT_CACHE", "momento",
            "HOOCHAT_MOMENTO_ENDPOINT", momento.endpoint(),
            "HOOCHAT_MOMENTO_CACHE", CACHE,
            "HOOCHAT_TOKEN_KEY", randomKey(),
            "HOOCHAT_SENDER_KEY", randomKey()),
        () -> {
          List<String> texts = new ArrayList<>(LocalBackends.items(dynamo));
          texts.addAll(momento.contents(CACHE));
          return texts;
        });
  }

  @AfterAll
  void stopMomento() {
    if (momento != null) {
      momento.close();
    }
  }
}
