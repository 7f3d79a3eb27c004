package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.ServerConfig;

/**
 * A way to run HooChat for the lab. Adding a runtime is one class: implement this and list it in
 * {@link ChatRuntime#named}.
 */
interface ChatRuntime {

  /** The name the CLI and the reports use ({@code standalone}, {@code lambda}). */
  String name();

  /** Starts HooChat on the store and cache {@code config} names (their servers already run). */
  Deployment start(ServerConfig config);

  static ChatRuntime named(String name) {
    return switch (name) {
      case "standalone" -> new StandaloneRuntime();
      case "lambda" -> new LambdaLocalRuntime();
      default ->
          throw new IllegalArgumentException(
              "unknown runtime '" + name + "' (this build has: standalone, lambda)");
    };
  }
}
