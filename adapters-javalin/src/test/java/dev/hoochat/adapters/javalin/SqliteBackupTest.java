package dev.hoochat.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoochat-server backup} against a running, posting server, and the restore that
 * adapters-sqlite/README.md documents: stop, put the backup in place as {@code hoochat.db} with the
 * keys file beside it, start. Old passwords, old tokens and {@code mine} work on the restored data.
 */
class SqliteBackupTest {
  @TempDir Path dir;

  @Test
  void aBackupTakenWhileTheServerPostsRestoresWithOldCredentialsAndTokens() throws Exception {
    Path data = dir.resolve("data");
    Path stderr = dir.resolve("stderr.txt");
    Path backup = dir.resolve("backups/hoochat-1.db");
    Account alice;
    String groupId;
    List<String> bodiesBeforeBackup = new ArrayList<>();
    List<String> busyAcked = Collections.synchronizedList(new ArrayList<>());
    try (ServerProcess server =
        ServerProcess.start(stderr, Map.of(), "--data-dir", data.toString(), "--post-limit", "0")) {
      ChatClient api = new ChatClient(server.base());
      alice = api.signUp("alice", "correct horse");
      Account bob = api.signUp("bob", "battery staple");
      groupId =
          api.post("/v1/groups", alice.token(), "{\"name\":\"circle\",\"members\":[\"bob\"]}")
              .json()
              .get("groupId")
              .asText();
      for (int i = 0; i < 10; i++) {
        String body = "before the backup " + i;
        assertThat(
                api.post(
                        "/v1/groups/" + groupId + "/messages",
                        alice.token(),
                        "{\"body\":\"" + body + "\"}")
                    .status())
            .isEqualTo(201);
        bodiesBeforeBackup.add(body);
      }
      AtomicBoolean posting = new AtomicBoolean(true);
      String group = groupId;
      Thread busy =
          new Thread(
              () -> {
                // at most 60, so that the window (100) still holds everything this test posts
                for (int i = 0; posting.get() && i < 60; i++) {
                  String body = "during the backup " + i;
                  if (api.post(
                              "/v1/groups/" + group + "/messages",
                              bob.token(),
                              "{\"body\":\"" + body + "\"}")
                          .status()
                      == 201) {
                    busyAcked.add(body);
                  }
                  try {
                    Thread.sleep(20); // spread over the backup command's run
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      busy.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> busyAcked.size() >= 5);
      int ackedBeforeBackup = busyAcked.size();

      Process command =
          ServerProcess.launch(
              dir.resolve("backup-stderr.txt"),
              Map.of(),
              "backup",
              "--data-dir",
              data.toString(),
              "--to",
              backup.toString());
      assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(command.exitValue())
          .as("stdout %s stderr %s", out, Files.readString(dir.resolve("backup-stderr.txt")))
          .isZero();
      assertThat(out.strip())
          .startsWith("backed up " + data.toAbsolutePath() + " to " + backup.toAbsolutePath())
          .contains("keep a copy of " + data.toAbsolutePath().resolve("keys"));
      bodiesBeforeBackup.addAll(busyAcked.subList(0, ackedBeforeBackup));

      assertThat(
              api.post("/v1/groups/" + groupId + "/messages", alice.token(), "{\"body\":\"x\"}")
                  .status())
          .as("the server went on serving")
          .isEqualTo(201);
      posting.set(false);
      busy.join();
      server.stop();
    }

    // The restore, as documented: a fresh, owner-only directory, the backup as hoochat.db, the
    // keys.
    Path restored = Files.createDirectory(dir.resolve("restored"));
    Files.setPosixFilePermissions(restored, PosixFilePermissions.fromString("rwx------"));
    Files.copy(backup, restored.resolve("hoochat.db"));
    Files.copy(data.resolve("keys"), restored.resolve("keys"));

    try (ServerProcess server =
        ServerProcess.start(stderr, Map.of(), "--data-dir", restored.toString())) {
      ChatClient api = new ChatClient(server.base());
      JsonNode window =
          api.get("/v1/groups/" + groupId + "/messages", alice.token()).json(); // the old token
      List<String> bodies = new ArrayList<>();
      window.get("messages").forEach(m -> bodies.add(m.get("body").asText()));
      assertThat(bodies).containsAll(bodiesBeforeBackup);
      window
          .get("messages")
          .forEach(
              m ->
                  assertThat(m.get("mine").asBoolean())
                      .as("mine on %s", m.get("body"))
                      .isEqualTo(m.get("body").asText().startsWith("before the backup")));
      assertThat(
              api.post(
                      "/v1/sessions", null, "{\"handle\":\"alice\",\"password\":\"correct horse\"}")
                  .status())
          .isEqualTo(200);
      long latest = window.get("latestSeq").asLong();
      assertThat(
              api.post("/v1/groups/" + groupId + "/messages", alice.token(), "{\"body\":\"back\"}")
                  .json()
                  .get("seq")
                  .asLong())
          .isEqualTo(latest + 1);
    }
  }

  @Test
  void aBackupWithoutADatabaseIsOneLineAndANonZeroExit() throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process command =
        ServerProcess.launch(
            stderr,
            Map.of(),
            "backup",
            "--data-dir",
            dir.resolve("nothing").toString(),
            "--to",
            dir.resolve("b.db").toString());

    assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(command.exitValue()).isNotZero();
    assertThat(Files.readString(stderr).strip().lines())
        .last()
        .asString()
        .startsWith("hoochat-server: backup failed: there is no database at");
  }
}
