package dev.hoochat.comparison;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opening a JDK WebSocket for the lab's clients, with its failures said in one line. */
final class WebSockets {
  private WebSockets() {}

  /** Opens {@code uri}, asking for {@code subprotocol} unless it is null. */
  static WebSocket open(HttpClient http, URI uri, String subprotocol, WebSocket.Listener listener) {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (subprotocol != null) {
      builder.subprotocols(subprotocol);
    }
    try {
      return builder.buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "WebSocket " + uri + " refused: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("WebSocket connect to " + uri + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
