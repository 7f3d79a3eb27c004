package dev.hoochat.adapters.lambda;

import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.application.port.out.PortMetrics;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Lambda runtimes for handler tests: memory store and cache, pushes to a given endpoint. */
final class TestRuntimes {
  private TestRuntimes() {}

  static LambdaRuntime memory(Optional<URI> connectionsEndpoint, PortMetrics metrics) {
    Map<String, String> env = new HashMap<>(LambdaDeployment.localEnvironment());
    env.put("HOOCHAT_STORE", "memory");
    env.put("HOOCHAT_CACHE", "memory");
    connectionsEndpoint.ifPresent(uri -> env.put("HOOCHAT_WEBSOCKET_ENDPOINT", uri.toString()));
    return LambdaRuntime.start(
        LambdaSettings.fromEnvironment(env), metrics, UnaryOperator.identity());
  }
}
