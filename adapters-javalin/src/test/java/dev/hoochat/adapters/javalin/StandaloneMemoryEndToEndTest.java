package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;

/** The whole API on the standalone server with its embedded default: memory store and cache. */
class StandaloneMemoryEndToEndTest extends ChatEndToEndSuite {

  @Override
  protected ChatDeployment deploy() {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000).build());
  }
}
