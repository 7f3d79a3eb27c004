package dev.hoochat.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory as an operator meets it: what survives a reopen, what is cleared, and the one
 * line each failure answers with. Real files, real SQLite.
 */
class SqliteDataDirectoryTest {
  private static final Instant AT = Instant.parse("2026-11-27T12:00:00.123Z");

  @TempDir Path temp;

  private static User user(String id, String handle) {
    return new User(new UserId(id), new Handle(handle), "pbkdf2$1$c2FsdA$aGFzaA==", AT);
  }

  private static NewMessage draft(GroupId group, String id, Optional<RetryKey> retry) {
    return new NewMessage(
        group, new MessageId(id), new MessageBody("hello"), AT, new SenderTag("tag-" + id), retry);
  }

  @Test
  void everythingButConnectionsSurvivesAReopenAndNumberingGoesOn() {
    Path dir = temp.resolve("data");
    GroupId group = new GroupId("g-1");
    try (SqliteStores stores = SqliteStores.open(dir)) {
      stores.users().create(user("u-1", "alice"));
      stores.messages().append(draft(group, "m-1", Optional.empty()));
      stores.connections().register(new ConnectionId("c-1"), new UserId("u-1"), AT);
    }

    try (SqliteStores stores = SqliteStores.open(dir)) {
      assertThat(stores.users().findByHandle(new Handle("alice"))).isPresent();
      assertThat(stores.messages().append(draft(group, "m-2", Optional.empty())).message().seq())
          .hasToString("2");
      assertThat(stores.connections().connectionsOf(List.of(new UserId("u-1")))).isEmpty();
    }
  }

  @Test
  void aSeqIsNeverHandedOutTwiceEvenOnceEveryMessageThatHadItIsEvicted() {
    Path dir = temp.resolve("data");
    GroupId group = new GroupId("g-evicted");
    try (SqliteStores stores = SqliteStores.open(dir)) {
      for (int i = 1; i <= MessageWindow.CAPACITY + 5; i++) {
        stores.messages().append(draft(group, "m-" + i, Optional.empty()));
      }
    }
    try (SqliteStores stores = SqliteStores.open(dir)) {
      assertThat(stores.messages().window(group).oldestSeq()).isEqualTo(6);
      assertThat(stores.messages().append(draft(group, "m-next", Optional.empty())).message().seq())
          .hasToString("106");
    }
  }

  @Test
  void aRetryWhoseFirstMessageLeftTheWindowIsStoredAnewAsInMemory() {
    GroupId group = new GroupId("g-evicted-retry");
    Optional<RetryKey> retry = Optional.of(new RetryKey("r-1"));
    try (SqliteStores stores = SqliteStores.open(temp.resolve("data"))) {
      stores.messages().append(draft(group, "m-0", retry));
      for (int i = 1; i <= MessageWindow.CAPACITY; i++) {
        stores.messages().append(draft(group, "m-" + i, Optional.empty()));
      }

      var late = stores.messages().append(draft(group, "m-retry", retry));

      assertThat(late.created()).isTrue();
      assertThat(late.message().seq()).hasToString("102");
    }
  }

  @Test
  void theDirectoryIsCreatedOwnerOnly() throws Exception {
    Path dir = temp.resolve("nested/data");

    try (SqliteStores stores = SqliteStores.open(dir)) {
      assertThat(stores.directory()).isEqualTo(dir.toAbsolutePath());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(stores.databaseFile()).exists().hasFileName("hoochat.db");
    }
  }

  @Test
  void aSecondProcessOnTheSameDirectoryIsRefusedWithOneLine() {
    Path dir = temp.resolve("data");
    try (SqliteStores first = SqliteStores.open(dir)) {
      assertThatThrownBy(() -> SqliteStores.open(dir))
          .isInstanceOf(SqliteSetupException.class)
          .hasMessageContaining("in use by another HooChat server")
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aDataDirThatIsAFileIsRefusedWithOneLine() throws Exception {
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> SqliteStores.open(file))
        .isInstanceOf(SqliteSetupException.class)
        .hasMessageStartingWith("cannot write the data directory " + file)
        .hasMessageContaining("--data-dir")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aDatabaseWrittenByANewerHooChatIsRefusedAndLeftAlone() throws Exception {
    Path dir = temp.resolve("data");
    SqliteStores.open(dir).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
    }

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(SqliteSetupException.class)
        .hasMessageContaining(
            "has schema version " + (Schema.CURRENT + 1) + ", newer than this server's")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      assertThat(s.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(Schema.CURRENT + 1);
    }
  }

  @Test
  void aVersionOneDatabaseIsMigratedAndItsMessagesStayReadableAndRedactable() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE messages (group_id TEXT NOT NULL, seq INTEGER NOT NULL,"
              + " message_id TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER NOT NULL,"
              + " sender_tag TEXT NOT NULL, retry_key TEXT, PRIMARY KEY (group_id, seq))"
              + " WITHOUT ROWID");
      s.execute("CREATE TABLE log_counters (group_id TEXT PRIMARY KEY, last_seq INTEGER)");
      s.execute("CREATE TABLE connections (connection_id TEXT PRIMARY KEY, user_id TEXT)");
      s.execute(
          "INSERT INTO messages VALUES ('g-1', 1, 'm-1', 'written by version 1', 0, 't', NULL)");
      s.execute("INSERT INTO log_counters VALUES ('g-1', 1)");
      s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
      s.execute("PRAGMA user_version = 1");
    }

    try (SqliteStores stores = SqliteStores.open(dir)) {
      var group = new GroupId("g-1");
      var window = stores.messages().window(group).messages();
      assertThat(window).hasSize(1);
      assertThat(window.get(0).body())
          .map(dev.hoochat.domain.message.MessageBody::text)
          .contains("written by version 1");
      assertThat(
              stores
                  .messages()
                  .redact(
                      group,
                      new dev.hoochat.domain.message.Seq(1),
                      dev.hoochat.domain.message.MessageState.UNSENT))
          .isTrue();
      assertThat(stores.messages().window(group).messages().get(0).body()).isEmpty();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      assertThat(s.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(Schema.CURRENT);
    }
  }

  /**
   * Version 3 moved mutes into their group and gave presence gates a pending mark: a version-2
   * database's mutes are read back as the group's, and the old table is gone.
   */
  @Test
  void aVersionTwoDatabasesMutesBecomeTheirGroupsMutes() throws Exception {
    Path dir = temp.resolve("data");
    var owner =
        new dev.hoochat.domain.group.Member(
            new UserId("u-1"), new Handle("owner"), Instant.parse("2026-01-01T00:00:00Z"));
    var group =
        dev.hoochat.domain.group.Group.found(
            new GroupId("g-1"),
            dev.hoochat.domain.group.GroupName.of("owls"),
            owner,
            List.of(),
            256,
            owner.joinedAt());
    try (SqliteStores stores = SqliteStores.open(dir)) {
      stores.groups().create(group);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      // back to version 2 as it was: mutes in their own table
      s.execute("DROP TABLE group_mutes");
      s.execute("ALTER TABLE presence_gates DROP COLUMN pending");
      s.execute("INSERT INTO presence_gates (group_id, not_before) VALUES ('g-1', 1)");
      s.execute(
          "CREATE TABLE mutes (group_id TEXT NOT NULL, mute_key TEXT NOT NULL,"
              + " until INTEGER NOT NULL, PRIMARY KEY (group_id, mute_key)) WITHOUT ROWID");
      s.execute("INSERT INTO mutes VALUES ('g-1', 'k-muted', 4102444800000)");
      s.execute("PRAGMA user_version = 2");
    }

    try (SqliteStores stores = SqliteStores.open(dir)) {
      var read = stores.groups().findById(group.id()).orElseThrow();
      assertThat(read.members()).isEqualTo(group.members());
      assertThat(read.mutedUntil(new dev.hoochat.domain.group.MuteKey("k-muted"), owner.joinedAt()))
          .contains(Instant.ofEpochMilli(4102444800000L));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      assertThat(s.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(3);
      assertThat(
              s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'mutes'").getInt(1))
          .isZero();
      assertThat(
              s.executeQuery("SELECT pending FROM presence_gates WHERE group_id = 'g-1'").getInt(1))
          .as("a gate of version 2 is not pending")
          .isZero();
    }
  }

  @Test
  void aCorruptDatabaseIsRefusedWithOneLineNamingTheFile() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("data"));
    Files.write(
        dir.resolve("hoochat.db"),
        "this is not a database, whatever its name says".repeat(200).getBytes());

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(SqliteSetupException.class)
        .hasMessageContaining(dir.resolve("hoochat.db").toString())
        .hasMessageContaining("corrupt or not a database")
        .hasMessageContaining("restore a backup")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anotherProgramsSqliteFileIsRefusedNotExtended() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hoochat.db"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE recipes (name TEXT)");
    }

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(SqliteSetupException.class)
        .hasMessageContaining("not HooChat's");
  }

  @Test
  void keysAreGeneratedOnceOwnerOnlyAndReadBackTheSame() throws Exception {
    Path dir = temp.resolve("data");
    KeyFile.Keys first;
    try (SqliteStores stores = SqliteStores.open(dir)) {
      first = stores.keys();
      assertThat(stores.keys()).isEqualTo(first);
    }
    try (SqliteStores stores = SqliteStores.open(dir)) {
      assertThat(stores.keys()).isEqualTo(first);
    }
    Path file = dir.resolve(KeyFile.NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(java.util.Base64.getDecoder().decode(first.tokenKey())).hasSize(32);
    assertThat(first.tokenKey()).isNotEqualTo(first.senderKey());
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .contains("HOOCHAT_TOKEN_KEY=" + first.tokenKey())
        .contains("HOOCHAT_SENDER_KEY=" + first.senderKey());
  }

  @Test
  void aKeysFileCopiedWithLoosePermissionsIsTightened() throws Exception {
    Path dir = temp.resolve("data");
    try (SqliteStores stores = SqliteStores.open(dir)) {
      stores.keys();
    }
    Path file = dir.resolve(KeyFile.NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteStores stores = SqliteStores.open(dir)) {
      stores.keys();
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aKeysFileWithoutTheSenderKeyIsRefusedWithOneLine() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("data"));
    Files.writeString(dir.resolve(KeyFile.NAME), "HOOCHAT_TOKEN_KEY=abc\n");

    try (SqliteStores stores = SqliteStores.open(dir)) {
      assertThatThrownBy(stores::keys)
          .isInstanceOf(SqliteSetupException.class)
          .hasMessageContaining("lacks HOOCHAT_SENDER_KEY");
    }
  }
}
