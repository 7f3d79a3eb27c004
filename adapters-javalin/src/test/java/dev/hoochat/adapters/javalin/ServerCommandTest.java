package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.testsupport.e2e.ChatClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an operator runs it: a separate JVM, its options, its output and its signals. */
class ServerCommandTest {
  private static final Pattern LISTENING =
      Pattern.compile("HooChat listening on (http://127\\.0\\.0\\.1:(\\d+))");

  @TempDir Path dir;

  private Process launch(String... options) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.hoochat.adapters.javalin.boot.ServerCommand");
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().remove("HOOCHAT_PORT");
    return builder.start();
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void portZeroPrintsTheChosenPortServesAndStopsCleanlyOnSigterm() throws Exception {
    Process server = launch("--port", "0", "--password-iterations", "1000");
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("first line on stdout; stderr: %s", stderr()).isNotNull();
      Matcher matcher = LISTENING.matcher(line);
      assertThat(matcher.matches()).as(line).isTrue();
      assertThat(Integer.parseInt(matcher.group(2))).isPositive();

      ChatClient api = new ChatClient(URI.create(matcher.group(1)));
      assertThat(api.get("/health", null).status()).isEqualTo(200);
      assertThat(api.signUp("sigterm_user", "correct horse").userId()).isNotBlank();

      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isEqualTo(143);
      assertThat(stderr()).contains("event=stopped");
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void aBadChoiceIsOneLineOnStderrAndANonZeroExit() throws Exception {
    Process server = launch("--port", "0", "--cache", "memcached");

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(stderr().strip().lines())
        .containsExactly(
            "hoochat-server: --cache must be none | memory | redis | momento, not 'memcached'");
    assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEmpty();
  }

  @Test
  void anUnknownOptionIsOneLineOnStderrAndANonZeroExit() throws Exception {
    Process server = launch("--prot", "7070");

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isEqualTo(2);
    assertThat(stderr().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("hoochat-server: ")
        .contains("--prot");
  }

  @Test
  void aPortThatIsNotANumberIsOneLineOnStderr() throws Exception {
    Process server = launch("--port", "seventy");

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1).first().asString().contains("--port");
  }

  @Test
  void aDurableStoreWithoutKeysRefusesToStart() throws Exception {
    Process server =
        launch(
            "--port",
            "0",
            "--store",
            "dynamodb",
            "--cache",
            "none",
            "--dynamodb-endpoint",
            "http://127.0.0.1:9");

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(stderr().strip().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("hoochat-server: ");
  }
}
