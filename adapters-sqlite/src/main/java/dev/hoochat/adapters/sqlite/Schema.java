package dev.hoochat.adapters.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database's shape, by version. {@code PRAGMA user_version} holds the version a database is at;
 * opening one that is older applies the missing steps, each in its own transaction together with
 * the new version number, so a crash during a migration leaves the database at the step before. A
 * database at a newer version than {@link #CURRENT} was written by a newer HooChat and is refused:
 * this code would not know what its tables mean. {@code PRAGMA application_id} marks the file as
 * HooChat's, so that another program's SQLite file is refused too, not silently extended.
 *
 * <p>The tables are described, with the reasoning, in this module's README.
 */
final class Schema {
  /** "HOOC" in ASCII: what {@code PRAGMA application_id} says in a HooChat database. */
  static final int APPLICATION_ID = 0x484f4f43;

  /** Step {@code i} takes a database from version {@code i} to {@code i + 1}. */
  private static final List<List<String>> STEPS =
      List.of(
          List.of(
              """
              CREATE TABLE users (
                user_id       TEXT    NOT NULL PRIMARY KEY,
                handle        TEXT    NOT NULL UNIQUE,
                password_hash TEXT    NOT NULL,
                created_at    INTEGER NOT NULL
              ) WITHOUT ROWID""",
              """
              CREATE TABLE groups (
                group_id     TEXT    NOT NULL PRIMARY KEY,
                name         TEXT    NOT NULL,
                owner_id     TEXT    NOT NULL,
                created_at   INTEGER NOT NULL,
                member_limit INTEGER NOT NULL,
                version      INTEGER NOT NULL
              ) WITHOUT ROWID""",
              """
              CREATE TABLE members (
                group_id  TEXT    NOT NULL REFERENCES groups (group_id),
                user_id   TEXT    NOT NULL,
                position  INTEGER NOT NULL,
                handle    TEXT    NOT NULL,
                joined_at INTEGER NOT NULL,
                PRIMARY KEY (group_id, user_id)
              ) WITHOUT ROWID""",
              "CREATE INDEX members_by_user ON members (user_id, group_id)",
              """
              CREATE TABLE log_counters (
                group_id TEXT    NOT NULL PRIMARY KEY,
                last_seq INTEGER NOT NULL
              ) WITHOUT ROWID""",
              """
              CREATE TABLE messages (
                group_id   TEXT    NOT NULL,
                seq        INTEGER NOT NULL,
                message_id TEXT    NOT NULL,
                body       TEXT    NOT NULL,
                sent_at    INTEGER NOT NULL,
                sender_tag TEXT    NOT NULL,
                retry_key  TEXT,
                PRIMARY KEY (group_id, seq)
              ) WITHOUT ROWID""",
              """
              CREATE UNIQUE INDEX messages_by_retry_key ON messages (group_id, retry_key)
                WHERE retry_key IS NOT NULL""",
              """
              CREATE TABLE connections (
                connection_id TEXT    NOT NULL PRIMARY KEY,
                user_id       TEXT    NOT NULL,
                opened_at     INTEGER NOT NULL
              ) WITHOUT ROWID""",
              "CREATE INDEX connections_by_user ON connections (user_id)"),
          // 2: anonymous circles (issue 16) — redactions, reports, mutes, invites, presence gates
          List.of(
              "ALTER TABLE messages ADD COLUMN state INTEGER NOT NULL DEFAULT 0",
              """
              CREATE TABLE reports (
                group_id   TEXT    NOT NULL,
                seq        INTEGER NOT NULL,
                report_key TEXT    NOT NULL,
                PRIMARY KEY (group_id, seq, report_key)
              ) WITHOUT ROWID""",
              """
              CREATE TABLE mutes (
                group_id TEXT    NOT NULL,
                mute_key TEXT    NOT NULL,
                until    INTEGER NOT NULL,
                PRIMARY KEY (group_id, mute_key)
              ) WITHOUT ROWID""",
              """
              CREATE TABLE invites (
                code       TEXT    NOT NULL PRIMARY KEY,
                group_id   TEXT    NOT NULL,
                max_uses   INTEGER NOT NULL,
                uses       INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL
              ) WITHOUT ROWID""",
              "CREATE INDEX invites_by_group ON invites (group_id)",
              """
              CREATE TABLE presence_gates (
                group_id   TEXT    NOT NULL PRIMARY KEY,
                not_before INTEGER NOT NULL
              ) WITHOUT ROWID"""),
          // 3: mutes are part of their group, written with it under its version, so that a post's
          // one read of its group answers whether the poster is muted. The mutes move over as
          // they are; ended ones leave with the group's next write.
          List.of(
              """
              CREATE TABLE group_mutes (
                group_id TEXT    NOT NULL,
                mute_key TEXT    NOT NULL,
                until    INTEGER NOT NULL,
                PRIMARY KEY (group_id, mute_key)
              ) WITHOUT ROWID""",
              "INSERT INTO group_mutes (group_id, mute_key, until)"
                  + " SELECT group_id, mute_key, until FROM mutes",
              "DROP TABLE mutes",
              // a presence change held back by the gate, owed a push when the gate opens
              "ALTER TABLE presence_gates ADD COLUMN pending INTEGER NOT NULL DEFAULT 0"));

  /** The version this code reads and writes. */
  static final int CURRENT = STEPS.size();

  private Schema() {}

  /**
   * Brings the database on {@code writer} (which is in auto-commit mode) to {@link #CURRENT}.
   *
   * @throws SqliteSetupException when it is newer than this code, or not a HooChat database
   */
  static void migrate(Connection writer, Path file) throws SQLException {
    int version = check(writer, file);
    try (Statement s = writer.createStatement()) {
      for (int step = version; step < CURRENT; step++) {
        s.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : STEPS.get(step)) {
            s.execute(sql);
          }
          s.execute("PRAGMA application_id = " + APPLICATION_ID);
          s.execute("PRAGMA user_version = " + (step + 1));
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      }
    }
  }

  /**
   * Answers the database's version, refusing one this code cannot read.
   *
   * @throws SqliteSetupException when it is newer than this code, or not a HooChat database
   */
  static int check(Connection connection, Path file) throws SQLException {
    int version = pragma(connection, "user_version");
    int applicationId = pragma(connection, "application_id");
    if (version > CURRENT) {
      throw new SqliteSetupException(
          file
              + " has schema version "
              + version
              + ", newer than this server's "
              + CURRENT
              + "; run the HooChat version that wrote it, or restore a backup",
          null);
    }
    if (applicationId != APPLICATION_ID && (applicationId != 0 || hasTables(connection))) {
      throw new SqliteSetupException(
          file + " is a SQLite database but not HooChat's; choose another --data-dir", null);
    }
    return version;
  }

  static int pragma(Connection connection, String name) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean hasTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }
}
