package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outbound adapter: open WebSocket connections in {@code connections}, one row each, indexed by
 * user so that the fan-out's look-up of every member is one query.
 *
 * <p>A connection is a socket of this process: it dies with it. {@link SqliteStores#open} therefore
 * forgets every row when the server starts — the data directory is held by one process at a time,
 * so any row there belongs to a process that is gone, and would otherwise be pushed to (and
 * counted, and kept) for ever.
 */
public final class SqliteConnectionStoreAdapter implements ConnectionStore {
  /** Well under SQLite's limit on bound parameters (32,766). */
  private static final int USERS_PER_QUERY = 500;

  private final SqliteDatabase db;

  SqliteConnectionStoreAdapter(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public void register(ConnectionId connection, UserId user, Instant openedAt) {
    db.write(
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO connections (connection_id, user_id, opened_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (connection_id) DO UPDATE"
                      + " SET user_id = excluded.user_id, opened_at = excluded.opened_at")) {
            upsert.setString(1, connection.value());
            upsert.setString(2, user.value());
            upsert.setLong(3, openedAt.toEpochMilli());
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    return db.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM connections WHERE connection_id = ? RETURNING user_id")) {
            delete.setString(1, connection.value());
            try (ResultSet rs = delete.executeQuery()) {
              return rs.next() ? Optional.of(new UserId(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users) {
    List<UserId> distinct = List.copyOf(new HashSet<>(users));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    return db.read(
        c -> {
          Map<UserId, Set<ConnectionId>> found = new HashMap<>();
          for (int from = 0; from < distinct.size(); from += USERS_PER_QUERY) {
            List<UserId> chunk =
                distinct.subList(from, Math.min(distinct.size(), from + USERS_PER_QUERY));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select =
                c.prepareStatement(
                    "SELECT user_id, connection_id FROM connections WHERE user_id IN ("
                        + marks
                        + ")")) {
              for (int i = 0; i < chunk.size(); i++) {
                select.setString(i + 1, chunk.get(i).value());
              }
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  found
                      .computeIfAbsent(new UserId(rs.getString(1)), u -> new HashSet<>())
                      .add(new ConnectionId(rs.getString(2)));
                }
              }
            }
          }
          return found;
        });
  }

  /** Forgets every connection: those of a process that is gone. Answers how many there were. */
  int forgetAll() {
    return db.write(
        c -> {
          try (PreparedStatement delete = c.prepareStatement("DELETE FROM connections")) {
            return delete.executeUpdate();
          }
        });
  }

  /**
   * One UPSERT that only replaces a lapsed claim (and clears the pending mark); a row changed means
   * this claim won.
   */
  @Override
  public boolean claimPresencePush(GroupId group, Instant now, Instant until) {
    return db.write(
        c -> {
          try (PreparedStatement claim =
              c.prepareStatement(
                  "INSERT INTO presence_gates (group_id, not_before, pending) VALUES (?, ?, 0)"
                      + " ON CONFLICT (group_id) DO UPDATE"
                      + " SET not_before = excluded.not_before, pending = 0"
                      + " WHERE presence_gates.not_before <= ?")) {
            claim.setString(1, group.value());
            claim.setLong(2, until.toEpochMilli());
            claim.setLong(3, now.toEpochMilli());
            return claim.executeUpdate() == 1;
          }
        });
  }

  /**
   * One UPDATE of a held gate ({@code pending}: 0 no, 1 marked, 2 marked and someone will push);
   * with {@code willPush}, RETURNING the claim's end to the one call that raised it to 2.
   */
  @Override
  public Optional<Instant> markPresencePending(GroupId group, Instant now, boolean willPush) {
    return db.write(
        c -> {
          try (PreparedStatement mark =
              c.prepareStatement(
                  "UPDATE presence_gates SET pending = ?"
                      + " WHERE group_id = ? AND not_before > ? AND pending < ?"
                      + " RETURNING not_before")) {
            int to = willPush ? 2 : 1;
            mark.setInt(1, to);
            mark.setString(2, group.value());
            mark.setLong(3, now.toEpochMilli());
            mark.setInt(4, to);
            try (ResultSet rs = mark.executeQuery()) {
              return rs.next() && willPush
                  ? Optional.of(Instant.ofEpochMilli(rs.getLong(1)))
                  : Optional.empty();
            }
          }
        });
  }

  /** One UPDATE of a lapsed, marked gate; a row changed means this claim won. */
  @Override
  public boolean claimPendingPresencePush(GroupId group, Instant now, Instant until) {
    return db.write(
        c -> {
          try (PreparedStatement claim =
              c.prepareStatement(
                  "UPDATE presence_gates SET not_before = ?, pending = 0"
                      + " WHERE group_id = ? AND pending > 0 AND not_before <= ?")) {
            claim.setLong(1, until.toEpochMilli());
            claim.setString(2, group.value());
            claim.setLong(3, now.toEpochMilli());
            return claim.executeUpdate() == 1;
          }
        });
  }
}
