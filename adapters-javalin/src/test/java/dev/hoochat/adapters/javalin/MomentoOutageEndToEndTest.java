package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.momento.MomentoTestServer;
import dev.hoochat.wiring.CacheChoice;
import java.util.Optional;

/**
 * The Momento test server answers every call with an error, then never answers, then recovers with
 * its old contents intact: the case where a stale entry could outlive the outage.
 */
class MomentoOutageEndToEndTest extends CacheOutageScenario {
  private MomentoTestServer momento;

  @Override
  protected ServerConfig startCache() {
    momento = MomentoTestServer.start();
    return ServerConfig.embedded().toBuilder()
        .cache(CacheChoice.MOMENTO)
        .momento(Optional.of(momento.endpoint()), "hoochat")
        .build();
  }

  @Override
  protected void breakCache() {
    momento.failEveryCall();
  }

  @Override
  protected void hangCache() {
    momento.hangEveryCall();
  }

  @Override
  protected void repairCache() {
    momento.answerNormally();
  }

  @Override
  protected void stopCache() {
    if (momento != null) {
      momento.close();
    }
  }
}
