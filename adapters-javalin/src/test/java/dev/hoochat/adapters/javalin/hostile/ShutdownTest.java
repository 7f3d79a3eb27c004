package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the server stops, open sockets are closed with 1001 "server shutting down". */
class ShutdownTest {

  record Closed(int code, String reason) {}

  @Test
  void openSocketsAreClosedWith1001AndAReason() throws Exception {
    StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder().passwordIterations(1_000).build());
    List<CompletableFuture<Closed>> closes;
    try {
      ChatClient api = new ChatClient(deployment.baseUri());
      String token = api.signUp("shutdown_a", "correct horse").token();
      HttpClient http = HttpClient.newHttpClient();
      URI uri =
          URI.create("ws://127.0.0.1:" + deployment.baseUri().getPort() + "/v1/ws?token=" + token);
      closes = List.of(new CompletableFuture<>(), new CompletableFuture<>());
      for (CompletableFuture<Closed> closed : closes) {
        http.newWebSocketBuilder()
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.complete(new Closed(code, reason));
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed.completeExceptionally(error);
                  }
                })
            .get(30, TimeUnit.SECONDS);
      }
    } finally {
      deployment.close();
    }

    for (CompletableFuture<Closed> closed : closes) {
      assertThat(closed.get(30, TimeUnit.SECONDS))
          .isEqualTo(new Closed(1001, "server shutting down"));
    }
  }
}
