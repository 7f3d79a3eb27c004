package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.Usage;
import java.net.URI;

/** A running HooChat the lab drives: where its API and WebSocket answer, and its meters. */
interface Deployment extends AutoCloseable {

  /** {@code http://HOST:PORT}, where API.md's paths are served. */
  URI baseUri();

  /** {@code ws://HOST:PORT/v1/ws}, without the token. */
  URI webSocketUri();

  /** The Prometheus text of the deployment's port meters ({@code /metrics}). */
  String metrics();

  /**
   * What the runtime itself metered so far, cumulative (Lambda invocations and GB-seconds); nothing
   * for a server that is always on.
   */
  default Usage runtimeUsage() {
    return Usage.NONE;
  }

  @Override
  void close();
}
