package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Outbound adapter: each group's messages in {@code messages}, numbered by {@code log_counters}.
 *
 * <p>An append is one write transaction: look for the retry key, raise the group's counter, insert
 * the message, delete what fell out of the window. Writes are one at a time, so numbering has no
 * gaps and no duplicates; the counter is its own row, so a seq is never handed out twice, even once
 * every message that had it is gone. The retry key is a column of the message itself (unique per
 * group), so a message and the record that recognises its retry are written, and evicted, together:
 * a crash cannot leave one without the other. As in memory, a retry whose first message has left
 * the window is stored anew.
 */
public final class SqliteMessageLogAdapter implements MessageLog {
  private static final String COLUMNS =
      "group_id, seq, message_id, body, sent_at, sender_tag, retry_key, state";

  private final SqliteDatabase db;

  SqliteMessageLogAdapter(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Appended append(NewMessage draft) {
    String group = draft.groupId().value();
    return db.write(
        c -> {
          if (draft.retryKey().isPresent()) {
            Optional<Message> first = retried(c, group, draft.retryKey().get());
            if (first.isPresent()) {
              return new Appended(first.get(), false);
            }
          }
          long seq = nextSeq(c, group);
          Message message =
              new Message(
                  draft.id(),
                  draft.groupId(),
                  new Seq(seq),
                  draft.body(),
                  draft.sentAt(),
                  draft.sender(),
                  draft.retryKey());
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, group);
            insert.setLong(2, seq);
            insert.setString(3, message.id().value());
            insert.setString(4, draft.body().text());
            insert.setLong(5, message.sentAt().toEpochMilli());
            insert.setString(6, message.sender().value());
            insert.setString(7, message.retryKey().map(RetryKey::value).orElse(null));
            insert.executeUpdate();
          }
          for (String table : List.of("messages", "reports")) {
            try (PreparedStatement evict =
                c.prepareStatement("DELETE FROM " + table + " WHERE group_id = ? AND seq <= ?")) {
              evict.setString(1, group);
              evict.setLong(2, seq - MessageWindow.CAPACITY);
              evict.executeUpdate();
            }
          }
          return new Appended(message, true);
        });
  }

  @Override
  public MessageWindow window(GroupId group) {
    return db.read(
        c -> {
          List<Message> newestFirst = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM messages WHERE group_id = ? ORDER BY seq DESC LIMIT "
                      + MessageWindow.CAPACITY)) {
            select.setString(1, group.value());
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                newestFirst.add(message(rs));
              }
            }
          }
          Collections.reverse(newestFirst);
          return new MessageWindow(newestFirst);
        });
  }

  @Override
  public void deleteAll(GroupId group) {
    db.write(
        c -> {
          for (String table : List.of("messages", "log_counters", "reports")) {
            try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM " + table + " WHERE group_id = ?")) {
              delete.setString(1, group.value());
              delete.executeUpdate();
            }
          }
          return null;
        });
  }

  /** One UPDATE, conditional on the message still being shown; the body becomes empty. */
  @Override
  public boolean redact(GroupId group, Seq seq, MessageState to) {
    return db.write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE messages SET body = '', state = ?"
                      + " WHERE group_id = ? AND seq = ? AND state = 0")) {
            update.setInt(1, to.code());
            update.setString(2, group.value());
            update.setLong(3, seq.value());
            return update.executeUpdate() == 1;
          }
        });
  }

  /** INSERT OR IGNORE the key (a repeat adds nothing), then count, in one transaction. */
  @Override
  public int report(GroupId group, Seq seq, ReportKey reporter) {
    return db.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO reports (group_id, seq, report_key)"
                      + " SELECT group_id, seq, ? FROM messages WHERE group_id = ? AND seq = ?"
                      + " ON CONFLICT DO NOTHING")) {
            insert.setString(1, reporter.value());
            insert.setString(2, group.value());
            insert.setLong(3, seq.value());
            insert.executeUpdate();
          }
          try (PreparedStatement count =
              c.prepareStatement("SELECT count(*) FROM reports WHERE group_id = ? AND seq = ?")) {
            count.setString(1, group.value());
            count.setLong(2, seq.value());
            try (ResultSet rs = count.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }

  private static Optional<Message> retried(Connection c, String group, RetryKey key)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM messages WHERE group_id = ? AND retry_key = ?")) {
      select.setString(1, group);
      select.setString(2, key.value());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(message(rs)) : Optional.empty();
      }
    }
  }

  private static long nextSeq(Connection c, String group) throws SQLException {
    try (PreparedStatement bump =
        c.prepareStatement(
            "INSERT INTO log_counters (group_id, last_seq) VALUES (?, 1)"
                + " ON CONFLICT (group_id) DO UPDATE SET last_seq = last_seq + 1"
                + " RETURNING last_seq")) {
      bump.setString(1, group);
      try (ResultSet rs = bump.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the counter of group " + group + " answered nothing");
        }
        return rs.getLong(1);
      }
    }
  }

  private static Message message(ResultSet rs) throws SQLException {
    String retryKey = rs.getString(7);
    MessageState state = MessageState.ofCode(rs.getInt(8));
    return new Message(
        new MessageId(rs.getString(3)),
        new GroupId(rs.getString(1)),
        new Seq(rs.getLong(2)),
        state == MessageState.SHOWN
            ? Optional.of(MessageBody.stored(rs.getString(4)))
            : Optional.empty(),
        Instant.ofEpochMilli(rs.getLong(5)),
        new SenderTag(rs.getString(6)),
        Optional.ofNullable(retryKey).map(RetryKey::new),
        state);
  }
}
