package dev.hoochat.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dump of the file shows, and what a backup taken under writes holds. */
class SqliteAnonymityAndBackupTest {
  private static final Instant AT = Instant.parse("2026-11-27T12:00:00.123Z");

  @TempDir Path temp;

  private static NewMessage draft(GroupId group, String body) {
    return new NewMessage(
        group,
        new MessageId("m-" + UUID.randomUUID()),
        new MessageBody(body),
        AT,
        new SenderTag("salt-" + UUID.randomUUID()),
        Optional.empty());
  }

  private static List<String> rows(Path db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void noMessageRowNamesItsSenderAndAnEvictedBodyIsNotInTheFile() throws Exception {
    Path dir = temp.resolve("data");
    Member alice = new Member(new UserId("u-alice-id"), new Handle("alice_handle"), AT);
    Member bob = new Member(new UserId("u-bob-id"), new Handle("bob_handle"), AT);
    GroupId group = new GroupId("g-anon");
    try (SqliteStores stores = SqliteStores.open(dir)) {
      stores
          .groups()
          .create(Group.found(group, new GroupName("circle"), alice, List.of(bob), 256, AT));
      stores.messages().append(draft(group, "the-first-words-to-be-evicted"));
      for (int i = 0; i < MessageWindow.CAPACITY; i++) {
        stores.messages().append(draft(group, "later " + i));
      }
    }

    Path db = dir.resolve("hoochat.db");
    List<String> messages = rows(db, "SELECT * FROM messages");
    assertThat(messages).hasSize(MessageWindow.CAPACITY);
    assertThat(String.join("\n", messages))
        .doesNotContain("u-alice-id", "u-bob-id", "alice_handle", "bob_handle");
    byte[] raw = Files.readAllBytes(db);
    assertThat(new String(raw, StandardCharsets.ISO_8859_1))
        .as("secure_delete: an evicted message leaves no trace in the file")
        .doesNotContain("the-first-words-to-be-evicted")
        .contains("later 99");
  }

  @Test
  void aBackupTakenWhileWritesGoOnIsAConsistentHooChatDatabase() throws Exception {
    Path dir = temp.resolve("data");
    GroupId group = new GroupId("g-busy");
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong acknowledged = new AtomicLong();
    try (SqliteStores stores = SqliteStores.open(dir)) {
      Thread writer =
          new Thread(
              () -> {
                while (writing.get()) {
                  stores.messages().append(draft(group, "busy"));
                  acknowledged.incrementAndGet();
                }
              });
      writer.start();
      while (acknowledged.get() < 20) {
        Thread.onSpinWait();
      }
      long before = acknowledged.get();

      Path backup = SqliteStores.backup(dir, temp.resolve("backups/one.db"));

      writing.set(false);
      writer.join();
      assertThat(backup).exists();
      assertThatThrownBy(() -> SqliteStores.backup(dir, backup))
          .isInstanceOf(SqliteSetupException.class)
          .hasMessageContaining("exists already");

      Path restored = Files.createDirectories(temp.resolve("restored"));
      Files.copy(backup, restored.resolve("hoochat.db"));
      try (SqliteStores copy = SqliteStores.open(restored)) {
        MessageWindow window = copy.messages().window(group);
        assertThat(window.latestSeq()).isGreaterThanOrEqualTo(before);
        assertThat(window.latestSeq() - window.oldestSeq() + 1).isEqualTo(window.messages().size());
        long next = copy.messages().append(draft(group, "after restore")).message().seq().value();
        assertThat(next).isEqualTo(window.latestSeq() + 1);
      }
    }
  }

  @Test
  void aBackupOfADirectoryWithoutADatabaseSaysSo() {
    assertThatThrownBy(() -> SqliteStores.backup(temp, temp.resolve("b.db")))
        .isInstanceOf(SqliteSetupException.class)
        .hasMessageContaining("there is no database at");
  }
}
