package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's WebSocket step as written: {@code java bin/Ws.java "ws://…?token=…"} run as a
 * process of its own, in the background (stdin closed), prints the message another member posts,
 * and sends the frames it is given.
 */
class WsProgramTest {

  @Test
  void theReadmesWebSocketClientPrintsPushedMessagesAndSendsFrames() throws Exception {
    try (StandaloneDeployment server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder().passwordIterations(1_000).build())) {
      ChatClient api = new ChatClient(server.baseUri());
      Account alice = api.signUp("alice_ws", "correct horse");
      Account bob = api.signUp("bob_ws", "correct horse");
      String group =
          api.post("/v1/groups", alice.token(), "{\"name\":\"ws\",\"members\":[\"bob_ws\"]}")
              .json()
              .get("groupId")
              .asText();
      String url = "ws://127.0.0.1:" + server.baseUri().getPort() + "/v1/ws?token=" + bob.token();
      String frame =
          "{\"action\":\"sendMessage\",\"groupId\":\""
              + group
              + "\",\"body\":\"hi from bob\",\"clientMessageId\":\"c-2\"}";

      Path root = repositoryRoot();
      Process ws =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "bin/Ws.java",
                  url,
                  frame)
              .directory(root.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      try {
        BlockingQueue<String> out = lines(ws.getInputStream());
        BlockingQueue<String> err = lines(ws.getErrorStream());
        assertThat(err.poll(60, TimeUnit.SECONDS)).isEqualTo("connected");

        String ack = out.poll(30, TimeUnit.SECONDS);
        String own = out.poll(30, TimeUnit.SECONDS);
        assertThat(List.of(ack, own))
            .anySatisfy(
                l -> assertThat(l).contains("\"type\":\"ack\"", "\"clientMessageId\":\"c-2\""))
            .anySatisfy(l -> assertThat(l).contains("\"type\":\"message\"", "hi from bob"));

        ChatClient.Reply posted =
            api.post(
                "/v1/groups/" + group + "/messages",
                alice.token(),
                "{\"body\":\"hi all\",\"clientMessageId\":\"c-1\"}");
        assertThat(posted.status()).isEqualTo(201);
        String pushed = out.poll(30, TimeUnit.SECONDS);
        assertThat(pushed)
            .contains("\"type\":\"message\"", "\"body\":\"hi all\"", "\"mine\":false")
            .contains("\"groupId\":\"" + group + "\"");
      } finally {
        ws.destroy();
        ws.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static BlockingQueue<String> lines(java.io.InputStream stream) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("bin/Ws.java"))) {
      dir = dir.getParent();
    }
    return dir;
  }
}
