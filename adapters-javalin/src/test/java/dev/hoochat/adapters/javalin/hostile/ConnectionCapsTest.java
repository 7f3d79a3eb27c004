package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.adapters.javalin.boot.ServerConfig.HttpLimits;
import dev.hoochat.adapters.javalin.jetty.GuardedConnector;
import dev.hoochat.testsupport.e2e.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One client address may hold at most {@code --max-connections-per-address} connections, and the
 * server at most {@code --max-connections}; a connection past a cap is accepted and closed before
 * anything of it is read. The attackers come from 127.0.0.2 (and .3); the ordinary client from
 * 127.0.0.1.
 */
class ConnectionCapsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void oneAddressPastItsCapIsClosedWhileAnotherAddressGetsIn() throws Exception {
    int cap = 20;
    try (LogCapture logs = LogCapture.start();
        StandaloneDeployment deployment = start(HttpLimits.defaults().withConnections(0, cap))) {
      GuardedConnector connector = connector(deployment);
      InetAddress attacker = InetAddress.getByName("127.0.0.2");
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          held.add(RawHttp.connect(deployment.baseUri(), "127.0.0.2"));
        }
        await().atMost(WAIT).until(() -> connector.openConnectionsFrom(attacker) == cap);

        try (Socket extra = RawHttp.connect(deployment.baseUri(), "127.0.0.2")) {
          assertClosedWithoutAnswer(extra);
        }
        OrdinaryClient.isServed(deployment.baseUri());

        held.remove(0).close();
        await().atMost(WAIT).until(() -> connector.openConnectionsFrom(attacker) == cap - 1);
        try (Socket again = RawHttp.connect(deployment.baseUri(), "127.0.0.2")) {
          assertThat(RawHttp.exchange(again, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status())
              .as("a freed slot is usable again")
              .isEqualTo(200);
        }
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("event=connection_refused")
                      .contains("reason=max_connections_per_address")
                      .contains("address=127.0.0.2"));
    }
  }

  @Test
  void theServerPastItsTotalCapClosesNewConnectionsUntilOnesClose() throws Exception {
    int cap = 12;
    try (LogCapture logs = LogCapture.start();
        StandaloneDeployment deployment = start(HttpLimits.defaults().withConnections(cap, 0))) {
      GuardedConnector connector = connector(deployment);
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          held.add(RawHttp.connect(deployment.baseUri(), "127.0.0.2"));
        }
        await().atMost(WAIT).until(() -> connector.openConnections() == cap);

        try (Socket extra = RawHttp.connect(deployment.baseUri(), "127.0.0.3")) {
          assertClosedWithoutAnswer(extra);
        }
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
      await().atMost(WAIT).until(() -> connector.openConnections() == 0);
      OrdinaryClient.isServed(deployment.baseUri());
      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("event=connection_refused")
                      .contains("reason=max_connections ")
                      .contains("address=127.0.0.3"));
    }
  }

  private static StandaloneDeployment start(HttpLimits limits) {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder()
            .passwordIterations(1_000)
            .postsPerMinute(0)
            .httpLimits(limits)
            .build());
  }

  private static GuardedConnector connector(StandaloneDeployment deployment) {
    return (GuardedConnector) deployment.server().jetty().getConnectors()[0];
  }

  /** The server closes it without reading the request: no answer, end of stream (or a reset). */
  private static void assertClosedWithoutAnswer(Socket socket) throws IOException {
    socket.setSoTimeout((int) WAIT.toMillis());
    try {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    } catch (SocketException alreadyClosed) {
      return;
    }
    InputStream in = socket.getInputStream();
    try {
      assertThat(in.read()).as("bytes answered to a refused connection").isEqualTo(-1);
    } catch (SocketException reset) {
      assertThat(reset.getMessage()).containsIgnoringCase("reset");
    }
  }
}
