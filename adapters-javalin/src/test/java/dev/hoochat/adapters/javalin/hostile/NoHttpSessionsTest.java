package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import java.net.Socket;
import org.eclipse.jetty.session.SessionManager;
import org.junit.jupiter.api.Test;

/**
 * Every rejected WebSocket upgrade used to create an HTTP session that was never freed (Javalin
 * asks for the session while it prepares an upgrade): 114,000 attempts left 114,000 sessions and
 * +77 MiB. The server now has no session manager at all, and sends no session cookie.
 */
class NoHttpSessionsTest {
  private static final int ATTEMPTS = 2_000;

  @Test
  void rejectedUpgradesCreateNoSessionAndSendNoCookie() throws Exception {
    try (StandaloneDeployment deployment =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder().passwordIterations(1_000).build())) {
      assertThat(deployment.server().jetty().getContainedBeans(SessionManager.class))
          .as("session managers in the server")
          .isEmpty();

      // Keep-alive connections, as an attacker would, and a new connection now and then.
      int answered = 0;
      while (answered < ATTEMPTS) {
        try (Socket socket = RawHttp.connect(deployment.baseUri(), null)) {
          for (int i = 0; i < 100 && answered < ATTEMPTS; i++, answered++) {
            RawHttp.Answer answer =
                RawHttp.exchange(socket, RawHttp.upgrade("/v1/ws?token=x" + i, ""));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("Set-Cookie")).as("Set-Cookie").isNull();
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("unauthenticated");
            if ("close".equalsIgnoreCase(answer.header("Connection"))) {
              answered++;
              break;
            }
          }
        }
      }

      assertThat(deployment.server().jetty().getContainedBeans(SessionManager.class)).isEmpty();
      RawHttp.Answer health =
          RawHttp.exchange(
              deployment.baseUri(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(health.header("Set-Cookie")).isNull();
      OrdinaryClient.isServed(deployment.baseUri());
    }
  }
}
