package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an operator runs it: a separate JVM, its options, its output and its signals. */
class ServerCommandTest {
  private static final Pattern LISTENING =
      Pattern.compile("HooChat listening on (http://127\\.0\\.0\\.1:(\\d+))");

  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @TempDir Path dir;

  private Process launch(String... options) throws IOException {
    return start(Map.of(), options);
  }

  private Process launchWithKeys(String... options) throws IOException {
    return start(Map.of("HOOCHAT_TOKEN_KEY", KEY, "HOOCHAT_SENDER_KEY", KEY), options);
  }

  private Process start(Map<String, String> env, String... options) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.hoochat.adapters.javalin.boot.ServerCommand");
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().remove("HOOCHAT_PORT");
    builder.environment().remove("HOOCHAT_STORE");
    builder.environment().put("HOOCHAT_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("HOOCHAT_ADMIN_PORT", "0");
    for (String credential :
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")) {
      builder.environment().remove(credential);
    }
    builder.environment().putAll(env);
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The operator's answer is one line, last on stderr, naming what failed; log lines the server
   * wrote while starting may come before it.
   */
  private void assertOneErrorLineLast(String naming) throws IOException {
    List<String> lines = stderr().strip().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("hoochat-server: "))).hasSize(1);
    assertThat(lines).last().asString().startsWith("hoochat-server: ").contains(naming);
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
      String metricsLine = out.readLine();
      assertThat(metricsLine)
          .startsWith("HooChat metrics on http://127.0.0.1:")
          .endsWith("/metrics");
      String adminUrl =
          metricsLine.substring("HooChat metrics on ".length(), metricsLine.length() - 8);
      ChatClient admin = new ChatClient(URI.create(adminUrl));
      assertThat(admin.get("/metrics", null).text()).contains("hoochat_port_calls_total");
      assertThat(api.get("/metrics", null).status()).isEqualTo(404);

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
  void anUnreachableRedisIsOneLineAndANonZeroExit() throws Exception {
    Process server =
        launch("--port", "0", "--cache", "redis", "--redis-url", "redis://127.0.0.1:" + freePort());

    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertOneErrorLineLast("Redis");
  }

  @Test
  void anUnreachableMomentoIsOneLineAndANonZeroExit() throws Exception {
    Process server =
        launch(
            "--port", "0", "--cache", "momento", "--momento-endpoint", "127.0.0.1:" + freePort());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertOneErrorLineLast("Momento");
  }

  @Test
  void anUnreachableDynamoDbIsOneLineAndANonZeroExit() throws Exception {
    Process server =
        launchWithKeys(
            "--port",
            "0",
            "--store",
            "dynamodb",
            "--dynamodb-endpoint",
            "http://127.0.0.1:" + freePort());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertOneErrorLineLast("DynamoDB");
  }

  @Test
  void aPortInUseIsOneLineNamingTheOptionAndANonZeroExit() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Process server = launch("--port", Integer.toString(port), "--store", "memory");

      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isNotZero();
      assertThat(stderr().strip().lines().filter(l -> !l.contains("event=random_key")))
          .containsExactly(
              "hoochat-server: port "
                  + port
                  + " on 127.0.0.1 is in use; choose another --port (0 = any free port)");
    }
  }

  @Test
  void dynamoDbWithoutAwsCredentialsIsOneShortLineSayingWhatToSet() throws Exception {
    Map<String, String> noCredentials = new java.util.HashMap<>();
    noCredentials.put("HOOCHAT_TOKEN_KEY", KEY);
    noCredentials.put("HOOCHAT_SENDER_KEY", KEY);
    noCredentials.put("AWS_REGION", "eu-west-1");
    noCredentials.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
    noCredentials.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
    noCredentials.put("AWS_EC2_METADATA_DISABLED", "true");
    Process server = start(noCredentials, "--port", "0", "--store", "dynamodb");

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    List<String> lines = stderr().strip().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("hoochat-server: DynamoDB: no AWS credentials")
        .contains("AWS_ACCESS_KEY_ID")
        .contains("--dynamodb-endpoint")
        .hasSizeLessThan(200);
  }

  @Test
  void createTablePreparesALocalDynamoDbOnceAndTheServerThenStartsOnIt() throws Exception {
    DynaliteLauncher dynalite = DynaliteLauncher.shared();
    String endpoint = dynalite.endpoint().toString();
    // dynalite is shared by every test on this machine: a table name of this run's own.
    String table = "cli-table-" + Long.toHexString(System.nanoTime());

    Process first =
        launch("create-table", "--dynamodb-endpoint", endpoint, "--dynamodb-table", table);
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("created table " + table);
    assertThat(first.exitValue()).isZero();
    Process again =
        launch("create-table", "--dynamodb-endpoint", endpoint, "--dynamodb-table", table);
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("table " + table + " exists already");

    Process server =
        launchWithKeys(
            "--port",
            "0",
            "--store",
            "dynamodb",
            "--dynamodb-endpoint",
            endpoint,
            "--dynamodb-table",
            table,
            "--password-iterations",
            "1000");
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Matcher matcher = LISTENING.matcher(String.valueOf(out.readLine()));
      assertThat(matcher.matches()).as(stderr()).isTrue();
      ChatClient api = new ChatClient(URI.create(matcher.group(1)));
      assertThat(api.signUp("cli_user", "correct horse").userId()).isNotBlank();
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
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
