package dev.hoochat.adapters.lambda;

import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;
import java.util.Map;

/** The whole API on the Lambda functions behind the local gateway, memory store and cache. */
class LambdaMemoryEndToEndTest extends ChatEndToEndSuite {

  @Override
  protected ChatDeployment deploy() {
    return LambdaDeployment.start(Map.of("HOOCHAT_STORE", "memory", "HOOCHAT_CACHE", "memory"));
  }
}
