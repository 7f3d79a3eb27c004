package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Outbound adapter: accounts in the {@code users} table. The handle is {@code UNIQUE}; a sign-up
 * looks for it and inserts in one write transaction, and writes are one at a time, so of two
 * sign-ups for one handle exactly one inserts.
 */
public final class SqliteUserStoreAdapter implements UserStore {
  private static final String COLUMNS = "user_id, handle, password_hash, created_at";

  private final SqliteDatabase db;

  SqliteUserStoreAdapter(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public void create(User user) {
    db.write(
        c -> {
          if (find(c, "handle", user.handle().value()).isPresent()) {
            throw new HandleTakenException(user.handle());
          }
          try (PreparedStatement insert =
              c.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
            insert.setString(1, user.id().value());
            insert.setString(2, user.handle().value());
            insert.setString(3, user.passwordHash());
            insert.setLong(4, user.createdAt().toEpochMilli());
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<User> findById(UserId id) {
    return db.read(c -> find(c, "user_id", id.value()));
  }

  @Override
  public Optional<User> findByHandle(Handle handle) {
    return db.read(c -> find(c, "handle", handle.value()));
  }

  private static Optional<User> find(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + column + " = ?")) {
      select.setString(1, value);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new User(
                new UserId(rs.getString(1)),
                new Handle(rs.getString(2)),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
  }
}
