package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone server as a separate JVM on the test class path, as an operator runs it: started
 * with options and environment, read from its stdout, stopped with SIGTERM or killed with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
  static final Pattern LISTENING =
      Pattern.compile("HooChat listening on (http://127\\.0\\.0\\.1:(\\d+))");

  private final Process process;
  private final Path stderr;
  private final URI base;
  private final List<String> startLines;

  private ServerProcess(Process process, Path stderr, URI base, List<String> startLines) {
    this.process = process;
    this.stderr = stderr;
    this.base = base;
    this.startLines = startLines;
  }

  /** A JVM running {@code ServerCommand} with {@code args}; does not wait for anything. */
  static Process launch(Path stderr, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.hoochat.adapters.javalin.boot.ServerCommand");
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    builder.environment().remove("HOOCHAT_PORT");
    builder.environment().remove("HOOCHAT_STORE");
    builder.environment().remove("HOOCHAT_DATA_DIR");
    builder.environment().remove("HOOCHAT_TOKEN_KEY");
    builder.environment().remove("HOOCHAT_SENDER_KEY");
    builder.environment().put("HOOCHAT_ADMIN_PORT", "0");
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * Starts a server on a free port and waits for its three start lines (listening, metrics, where
   * the data lives).
   */
  static ServerProcess start(Path stderr, Map<String, String> env, String... options)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--password-iterations", "1000"));
    args.addAll(List.of(options));
    Process process = launch(stderr, env, args.toArray(String[]::new));
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String line = out.readLine();
      assertThat(line)
          .as("start line %d on stdout; stderr: %s", i + 1, Files.readString(stderr))
          .isNotNull();
      lines.add(line);
    }
    Matcher matcher = LISTENING.matcher(lines.get(0));
    assertThat(matcher.matches()).as(lines.get(0)).isTrue();
    return new ServerProcess(process, stderr, URI.create(matcher.group(1)), List.copyOf(lines));
  }

  URI base() {
    return base;
  }

  List<String> startLines() {
    return startLines;
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** SIGKILL: no shutdown hook, no checkpoint, no flush — what a crash or the OOM killer does. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM: the server's clean stop. */
  void stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
