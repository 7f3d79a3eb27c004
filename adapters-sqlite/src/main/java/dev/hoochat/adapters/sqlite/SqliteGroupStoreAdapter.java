package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.group.Mutes;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound adapter: groups in {@code groups}, their members in {@code members} (one row each, in
 * the group's order), their mutes in {@code group_mutes}. A group, its member rows and its mute
 * rows are written in one transaction and read in one, so no reader and no crash ever sees a group
 * without its members, members of a group that is not there, or mutes of another version. Writes
 * are optimistic, as the port asks: {@code UPDATE … WHERE version = ?} changes nothing when another
 * change came first, and the transaction is rolled back.
 */
public final class SqliteGroupStoreAdapter implements GroupStore {
  private static final String SELECT =
      "SELECT g.group_id, g.name, g.owner_id, g.created_at, g.member_limit, g.version,"
          + " m.user_id, m.handle, m.joined_at"
          + " FROM groups g JOIN members m ON m.group_id = g.group_id";
  private static final String MUTES = "SELECT group_id, mute_key, until FROM group_mutes";

  private final SqliteDatabase db;

  SqliteGroupStoreAdapter(SqliteDatabase db) {
    this.db = db;
  }

  /**
   * {@inheritDoc}
   *
   * @throws StaleGroupException when a group with this id is stored already: a create is a write
   *     based on "no group yet"
   */
  @Override
  public void create(Group group) {
    db.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO groups (group_id, name, owner_id, created_at, member_limit, version)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id) DO NOTHING")) {
            insert.setString(1, group.id().value());
            insert.setString(2, group.name().value());
            insert.setString(3, group.ownerId().value());
            insert.setLong(4, group.createdAt().toEpochMilli());
            insert.setInt(5, group.memberLimit());
            insert.setLong(6, group.version());
            if (insert.executeUpdate() == 0) {
              throw new StaleGroupException(group.id(), 0);
            }
          }
          insertMembers(c, group);
          insertMutes(c, group);
          return null;
        });
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(SELECT + " WHERE g.group_id = ? ORDER BY m.position")) {
            select.setString(1, id.value());
            Map<String, Row> rows = rows(select);
            try (PreparedStatement mutes = c.prepareStatement(MUTES + " WHERE group_id = ?")) {
              mutes.setString(1, id.value());
              addMutes(mutes, rows);
            }
            return groups(rows).stream().findFirst();
          }
        });
  }

  @Override
  public List<Group> findByMember(UserId member) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  SELECT
                      + " WHERE g.group_id IN (SELECT group_id FROM members WHERE user_id = ?)"
                      + " ORDER BY g.group_id, m.position")) {
            select.setString(1, member.value());
            Map<String, Row> rows = rows(select);
            try (PreparedStatement mutes =
                c.prepareStatement(
                    MUTES
                        + " WHERE group_id IN (SELECT group_id FROM members WHERE user_id = ?)")) {
              mutes.setString(1, member.value());
              addMutes(mutes, rows);
            }
            return groups(rows);
          }
        });
  }

  @Override
  public void update(Group changed) {
    long basedOn = changed.version() - 1;
    db.write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE groups SET name = ?, owner_id = ?, member_limit = ?, version = ?"
                      + " WHERE group_id = ? AND version = ?")) {
            update.setString(1, changed.name().value());
            update.setString(2, changed.ownerId().value());
            update.setInt(3, changed.memberLimit());
            update.setLong(4, changed.version());
            update.setString(5, changed.id().value());
            update.setLong(6, basedOn);
            if (update.executeUpdate() == 0) {
              throw new StaleGroupException(changed.id(), basedOn);
            }
          }
          deleteMembers(c, changed.id());
          insertMembers(c, changed);
          deleteMutes(c, changed.id());
          insertMutes(c, changed);
          return null;
        });
  }

  @Override
  public void delete(Group last) {
    db.write(
        c -> {
          deleteMembers(c, last.id());
          deleteMutes(c, last.id());
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM groups WHERE group_id = ? AND version = ?")) {
            delete.setString(1, last.id().value());
            delete.setLong(2, last.version());
            if (delete.executeUpdate() == 0) {
              // rolls back the members' delete too
              throw new StaleGroupException(last.id(), last.version());
            }
          }
          return null;
        });
  }

  private static void insertMembers(Connection c, Group group) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO members (group_id, user_id, position, handle, joined_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Member m : group.members()) {
        insert.setString(1, group.id().value());
        insert.setString(2, m.userId().value());
        insert.setInt(3, position++);
        insert.setString(4, m.handle().value());
        insert.setLong(5, m.joinedAt().toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertMutes(Connection c, Group group) throws SQLException {
    if (group.mutes().isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO group_mutes (group_id, mute_key, until) VALUES (?, ?, ?)")) {
      for (Map.Entry<MuteKey, Instant> mute : group.mutes().entries().entrySet()) {
        insert.setString(1, group.id().value());
        insert.setString(2, mute.getKey().value());
        insert.setLong(3, mute.getValue().toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void deleteMutes(Connection c, GroupId id) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM group_mutes WHERE group_id = ?")) {
      delete.setString(1, id.value());
      delete.executeUpdate();
    }
  }

  private static void deleteMembers(Connection c, GroupId id) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM members WHERE group_id = ?")) {
      delete.setString(1, id.value());
      delete.executeUpdate();
    }
  }

  /** Folds the joined rows (one per member, grouped by group, in order) into groups' rows. */
  private static Map<String, Row> rows(PreparedStatement select) throws SQLException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        Row row = rows.get(rs.getString(1));
        if (row == null) {
          row = new Row(rs);
          rows.put(rs.getString(1), row);
        }
        row.members.add(
            new Member(
                new UserId(rs.getString(7)),
                new Handle(rs.getString(8)),
                Instant.ofEpochMilli(rs.getLong(9))));
      }
    }
    return rows;
  }

  /** Adds the mute rows {@code select} answers to the groups read (in the same transaction). */
  private static void addMutes(PreparedStatement select, Map<String, Row> rows)
      throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        Row row = rows.get(rs.getString(1));
        if (row != null) {
          row.mutes.put(new MuteKey(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)));
        }
      }
    }
  }

  private static List<Group> groups(Map<String, Row> rows) {
    List<Group> groups = new ArrayList<>();
    for (Row row : rows.values()) {
      groups.add(row.group());
    }
    return groups;
  }

  /** One group's columns while its member rows are read. */
  private static final class Row {
    final GroupId id;
    final GroupName name;
    final UserId owner;
    final Instant createdAt;
    final int memberLimit;
    final long version;
    final List<Member> members = new ArrayList<>();
    final Map<MuteKey, Instant> mutes = new LinkedHashMap<>();

    Row(ResultSet rs) throws SQLException {
      id = new GroupId(rs.getString(1));
      name = new GroupName(rs.getString(2));
      owner = new UserId(rs.getString(3));
      createdAt = Instant.ofEpochMilli(rs.getLong(4));
      memberLimit = rs.getInt(5);
      version = rs.getLong(6);
    }

    Group group() {
      return new Group(id, name, owner, createdAt, members, memberLimit, version, new Mutes(mutes));
    }
  }

  private static final String INVITE_COLUMNS =
      "code, group_id, max_uses, uses, expires_at, created_at";

  @Override
  public void createInvite(Invite invite) {
    db.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO invites (" + INVITE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, invite.code().value());
            insert.setString(2, invite.groupId().value());
            insert.setInt(3, invite.maxUses());
            insert.setInt(4, invite.uses());
            insert.setLong(5, invite.expiresAt().toEpochMilli());
            insert.setLong(6, invite.createdAt().toEpochMilli());
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Invite> findInvite(InviteCode code) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + INVITE_COLUMNS + " FROM invites WHERE code = ?")) {
            select.setString(1, code.value());
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(invite(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Invite> invitesOf(GroupId group) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + INVITE_COLUMNS + " FROM invites WHERE group_id = ?")) {
            select.setString(1, group.value());
            List<Invite> invites = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                invites.add(invite(rs));
              }
            }
            return invites;
          }
        });
  }

  /** One UPDATE conditional on the invite being live, RETURNING what it left. */
  @Override
  public Optional<Invite> redeemInvite(InviteCode code, Instant now) {
    return db.write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE invites SET uses = uses + 1"
                      + " WHERE code = ? AND uses < max_uses AND expires_at > ?"
                      + " RETURNING "
                      + INVITE_COLUMNS)) {
            update.setString(1, code.value());
            update.setLong(2, now.toEpochMilli());
            try (ResultSet rs = update.executeQuery()) {
              return rs.next() ? Optional.of(invite(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean revokeInvite(GroupId group, InviteCode code) {
    return db.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM invites WHERE code = ? AND group_id = ?")) {
            delete.setString(1, code.value());
            delete.setString(2, group.value());
            return delete.executeUpdate() == 1;
          }
        });
  }

  private static Invite invite(ResultSet rs) throws SQLException {
    return new Invite(
        new InviteCode(rs.getString(1)),
        new GroupId(rs.getString(2)),
        rs.getInt(3),
        rs.getInt(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        Instant.ofEpochMilli(rs.getLong(6)));
  }
}
