package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.momento.MomentoTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import dev.hoochat.wiring.CacheChoice;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole API on the standalone server with Momento as the cache (the real SDK against the
 * Momento test server); the anonymity check also reads what the test server holds.
 */
class StandaloneMomentoEndToEndTest extends ChatEndToEndSuite {
  private MomentoTestServer momento;

  @Override
  protected ChatDeployment deploy() {
    momento = MomentoTestServer.start();
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder()
            .cache(CacheChoice.MOMENTO)
            .momento(Optional.of(momento.endpoint()), "hoochat")
            .postsPerMinute(0)
            .passwordIterations(1_000)
            .build(),
        () -> momento.contents("hoochat"));
  }

  @AfterAll
  void stopMomento() {
    if (momento != null) {
      momento.close();
    }
  }
}
