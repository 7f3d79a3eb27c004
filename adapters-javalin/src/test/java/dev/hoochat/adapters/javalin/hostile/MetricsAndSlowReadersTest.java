package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.boot.HooChatServer;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.apiclient.PortCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against the standalone server: a member reading the metrics (issue 10, attack 1),
 * and sockets that stop reading while chat goes on (attack 5, the byte bound per socket).
 */
class MetricsAndSlowReadersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static ServerConfig.Builder config() {
    return ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000);
  }

  @Test
  void theApiPortServesNoMetricsAndTheManagementListenerOnlyOnLoopback() {
    try (HooChatServer server = HooChatServer.start(config().build())) {
      ChatClient api = new ChatClient(URI.create(server.baseUrl()));
      Account member = api.signUp("curious", "correct horse");

      Reply onTheApi = api.get("/metrics", member.token());
      Reply viaAdmin =
          new ChatClient(URI.create(server.adminUrl().orElseThrow())).get("/metrics", null);

      assertThat(onTheApi.status()).isEqualTo(404);
      assertThat(onTheApi.contentType()).startsWith("application/problem+json");
      assertThat(onTheApi.text()).doesNotContain("hoochat_");
      assertThat(server.adminUrl().orElseThrow()).startsWith("http://127.0.0.1:");
      assertThat(viaAdmin.status()).isEqualTo(200);
      assertThat(viaAdmin.text()).contains("hoochat_port_calls_total");
      assertThat(api.get("/v1/me", member.token()).status()).isEqualTo(200);
    }
  }

  @Test
  void noManagementListenerWhenTheOperatorTurnsItOff() {
    try (HooChatServer server = HooChatServer.start(config().admin("127.0.0.1", -1).build())) {
      assertThat(server.adminUrl()).isEmpty();
      assertThat(new ChatClient(URI.create(server.baseUrl())).get("/health", null).status())
          .isEqualTo(200);
    }
  }

  /**
   * A member opens a socket and never reads from it while the group chats on. Its queue passes the
   * byte bound, the server cuts it off and forgets it; the member who reads receives everything, in
   * order, and a new client is served as usual.
   */
  @Test
  void aSocketThatStopsReadingIsCutOffWhileEveryoneElseReceivesEverything() throws Exception {
    try (HooChatServer server = HooChatServer.start(config().maxPendingBytes(16 * 1024).build())) {
      URI base = URI.create(server.baseUrl());
      ChatClient api = new ChatClient(base);
      Account poster = api.signUp("poster", "correct horse");
      Account reader = api.signUp("reader", "correct horse");
      Account stalled = api.signUp("stalled", "correct horse");
      Reply group =
          api.post(
              "/v1/groups",
              poster.token(),
              "{\"name\":\"busy\",\"members\":[\"reader\",\"stalled\"]}");
      String groupId = group.json().get("groupId").asText();
      String body = "x".repeat(1_900);

      // The poster posts over REST and holds no socket: a socket's own pushes and acks, bursting
      // back at it faster than a loaded machine reads them, could pass the small bound first and
      // be the one cut, while the stalled socket was not yet.
      String messages = "/v1/groups/" + groupId + "/messages";
      String post = "{\"body\":\"" + body + "\"}";
      try (Socket neverReads = openWithoutReading(base, stalled.token());
          ChatSocket reading = api.connect(reader.token())) {
        int sent = 0;
        // The kernel's buffers (up to 4 MiB here) fill first; then the server's queue grows.
        while (sent < 6_000 && forgotten(server) == 0) {
          for (int i = 0; i < 100; i++) {
            assertThat(api.post(messages, poster.token(), post).status()).isEqualTo(201);
          }
          sent += 100;
          reading.awaitMessages(groupId, sent, WAIT);
        }

        assertThat(forgotten(server))
            .as("the stalled connection forgotten after %d messages", sent)
            .isPositive();
        List<Long> seqs =
            reading.awaitMessages(groupId, sent, WAIT).stream()
                .map(m -> m.get("seq").asLong())
                .toList();
        assertThat(seqs).hasSize(sent).isSorted().doesNotHaveDuplicates();
        assertThat(drainsToTheEnd(neverReads)).as("the stalled socket ends").isTrue();
        try (ChatSocket later = api.connect(stalled.token())) {
          assertThat(api.post(messages, poster.token(), "{\"body\":\"back\"}").status())
              .isEqualTo(201);
          later.await(f -> "back".equals(f.path("body").asText()), WAIT);
          reading.await(f -> "back".equals(f.path("body").asText()), WAIT);
        }
      }
    }
  }

  /**
   * Times the server took a connection out of its registry: the stalled one, once cut, is taken out
   * either by its close (Jetty reports the socket it disconnected) or by the next push that finds
   * it gone, whichever comes first — on a fast machine the close always does, so no push ever finds
   * it gone. The reader's connection stays until the end.
   */
  private static long forgotten(HooChatServer server) {
    return PortCalls.parse(server.scrapeMetrics())
        .count("store", "connections", "unregister", "ok");
  }

  /** A WebSocket upgrade by hand, on a socket with a tiny receive buffer that is never read. */
  private static Socket openWithoutReading(URI base, String token) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    String key = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /v1/ws?token="
                + token
                + " HTTP/1.1\r\nHost: "
                + base.getHost()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
    return socket;
  }

  /** Reads what the kernel had buffered; true once the server's end is closed. */
  private static boolean drainsToTheEnd(Socket socket) throws IOException {
    socket.setSoTimeout(1_000);
    byte[] buffer = new byte[64 * 1024];
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (socket.getInputStream().read(buffer) < 0) {
          return true;
        }
      } catch (SocketTimeoutException quietForNow) {
        // nothing yet: a loaded machine may take a while to close it; the deadline decides
      } catch (SocketException reset) {
        return true;
      }
    }
    return false;
  }
}
