package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.Usage;
import java.net.URI;
import java.util.Optional;

/** A running HooChat the lab drives: where its API and WebSocket answer, and its meters. */
interface Deployment extends AutoCloseable {

  /** {@code http://HOST:PORT}, where API.md's paths are served. */
  URI baseUri();

  /** {@code ws://HOST:PORT/v1/ws}, without the token. */
  URI webSocketUri();

  /** The Prometheus text of the deployment's port meters ({@code /metrics}). */
  String metrics();

  /** Where an operator scrapes those meters over HTTP: the management listener, if any. */
  default Optional<URI> metricsUri() {
    return Optional.empty();
  }

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
