package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable default as a new user meets it: start, sign up, chat, stop, start again — and the
 * one-line answers when the data directory cannot be used. Real processes, real files.
 */
class SqliteServerCommandTest {
  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @TempDir Path dir;

  private ServerProcess start(Map<String, String> env, String... options) throws Exception {
    return ServerProcess.start(dir.resolve("stderr.txt"), env, options);
  }

  private List<String> failure(String... options) throws Exception {
    Path stderr = dir.resolve("failure.txt");
    Files.deleteIfExists(stderr);
    Process process = ServerProcess.launch(stderr, Map.of(), options);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    List<String> lines = Files.readString(stderr, StandardCharsets.UTF_8).strip().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("hoochat-server: "))).hasSize(1);
    assertThat(lines).last().asString().startsWith("hoochat-server: ");
    return lines;
  }

  @Test
  void byDefaultUsersGroupsMessagesTokensAndMineSurviveARestart() throws Exception {
    Path data = dir.resolve("data");
    Account alice;
    Account bob;
    String groupId;
    try (ServerProcess first = start(Map.of(), "--data-dir", data.toString())) {
      assertThat(first.startLines().get(2))
          .isEqualTo(
              "HooChat keeps its data in "
                  + data.toAbsolutePath()
                  + " (database hoochat.db, keys in keys)");
      ChatClient api = new ChatClient(first.base());
      alice = api.signUp("alice", "correct horse");
      bob = api.signUp("bob", "battery staple");
      groupId =
          api.post("/v1/groups", alice.token(), "{\"name\":\"circle\",\"members\":[\"bob\"]}")
              .json()
              .get("groupId")
              .asText();
      assertThat(
              api.post(
                      "/v1/groups/" + groupId + "/messages",
                      alice.token(),
                      "{\"body\":\"kept\",\"clientMessageId\":\"c-1\"}")
                  .status())
          .isEqualTo(201);
      first.stop();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys"))))
        .isEqualTo("rw-------");

    try (ServerProcess again = start(Map.of(), "--data-dir", data.toString())) {
      ChatClient api = new ChatClient(again.base());
      JsonNode forAlice =
          api.get("/v1/groups/" + groupId + "/messages", alice.token()).json().get("messages");
      assertThat(forAlice).hasSize(1);
      assertThat(forAlice.get(0).get("body").asText()).isEqualTo("kept");
      assertThat(forAlice.get(0).get("mine").asBoolean()).as("mine, for the sender").isTrue();
      JsonNode forBob =
          api.get("/v1/groups/" + groupId + "/messages", bob.token()).json().get("messages");
      assertThat(forBob.get(0).get("mine").asBoolean()).isFalse();
      assertThat(
              api.post(
                      "/v1/groups/" + groupId + "/messages",
                      alice.token(),
                      "{\"body\":\"kept\",\"clientMessageId\":\"c-1\"}")
                  .status())
          .as("a retry after the restart is still recognised")
          .isEqualTo(200);
      assertThat(
              api.post(
                      "/v1/sessions", null, "{\"handle\":\"alice\",\"password\":\"correct horse\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              api.post("/v1/users", null, "{\"handle\":\"alice\",\"password\":\"another one\"}")
                  .code())
          .isEqualTo("handle_taken");
    }
  }

  @Test
  void configuredKeysWinAndNoKeysFileIsWritten() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess server =
        start(
            Map.of("HOOCHAT_TOKEN_KEY", KEY, "HOOCHAT_SENDER_KEY", KEY),
            "--data-dir",
            data.toString())) {
      assertThat(server.startLines().get(2))
          .endsWith("(database hoochat.db; keys from the environment)");
      new ChatClient(server.base()).signUp("carol", "correct horse");
    }
    assertThat(data.resolve("hoochat.db")).exists();
    assertThat(data.resolve("keys")).doesNotExist();
  }

  @Test
  void theMemoryStoreSaysOnOneLineThatEverythingIsLostOnExit() throws Exception {
    try (ServerProcess server = start(Map.of(), "--store", "memory")) {
      assertThat(server.startLines().get(2))
          .isEqualTo(
              "HooChat keeps everything in memory: users, groups and messages are lost when it"
                  + " stops (--store sqlite keeps them)");
    }
  }

  @Test
  void aDataDirThatCannotBeWrittenIsOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "in the way");

    List<String> lines = failure("--port", "0", "--data-dir", file.toString());

    assertThat(lines)
        .last()
        .asString()
        .contains("cannot write the data directory " + file)
        .contains("--data-dir");
  }

  @Test
  void aSecondServerOnTheSameDataDirIsOneLine() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess first = start(Map.of(), "--data-dir", data.toString())) {
      List<String> lines = failure("--port", "0", "--data-dir", data.toString());

      assertThat(lines).last().asString().contains("in use by another HooChat server");
    }
  }

  @Test
  void aDatabaseFromANewerHooChatIsOneLine() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess first = start(Map.of(), "--data-dir", data.toString())) {
      first.stop();
    }
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hoochat.db"));
        java.sql.Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }

    List<String> lines = failure("--port", "0", "--data-dir", data.toString());

    assertThat(lines).last().asString().contains("has schema version 99, newer than this server's");
  }

  @Test
  void aCorruptDatabaseIsOneLine() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.write(data.resolve("hoochat.db"), "garbage, not a database. ".repeat(100).getBytes());

    List<String> lines = failure("--port", "0", "--data-dir", data.toString());

    assertThat(lines).last().asString().contains("corrupt or not a database");
  }
}
