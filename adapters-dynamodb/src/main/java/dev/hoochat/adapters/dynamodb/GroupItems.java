package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.group.Mutes;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a group to its items: the group itself ({@code GROUP#id / GROUP}, the truth, members
 * included) and one membership item per member ({@code GROUP#id / MEMBER#user}), whose {@code
 * gsi1pk = USER#user} feeds the index of a user's groups.
 *
 * <p>The group item also holds the group's live mutes, {@code mutes}: a map of mute key (an HMAC of
 * group and author under the sender key) to until (epoch ms), left out when there are none. They
 * are written with the group under its version condition, so a mute and a membership change cannot
 * undo each other, and read with it, so a post's one read of its group answers the mute check.
 */
final class GroupItems {
  static final String GROUP = "GROUP#";
  static final String GROUP_SK = "GROUP";
  static final String MEMBER = "MEMBER#";

  static final String NAME = "name";
  static final String OWNER_ID = "ownerId";
  static final String CREATED_AT = "createdAt";
  static final String MEMBER_LIMIT = "memberLimit";
  static final String VERSION = "version";
  static final String MEMBERS = "members";
  static final String MUTES = "mutes";
  static final String USER_ID = "userId";
  static final String HANDLE = "handle";
  static final String JOINED_AT = "joinedAt";

  /** The group version whose change made the user a member; only ever raised. */
  static final String ADDED_IN = "addedIn";

  private GroupItems() {}

  static Map<String, AttributeValue> groupKey(GroupId id) {
    return Table.key(GROUP + id.value(), GROUP_SK);
  }

  static Map<String, AttributeValue> membershipKey(GroupId group, UserId user) {
    return Table.key(GROUP + group.value(), MEMBER + user.value());
  }

  static Map<String, AttributeValue> group(Group group) {
    Map<String, AttributeValue> item = new HashMap<>(groupKey(group.id()));
    item.put(Attributes.TYPE, of("group"));
    item.put(NAME, of(group.name().value()));
    item.put(OWNER_ID, of(group.ownerId().value()));
    item.put(CREATED_AT, of(group.createdAt()));
    item.put(MEMBER_LIMIT, of(group.memberLimit()));
    item.put(VERSION, of(group.version()));
    List<AttributeValue> members = new ArrayList<>(group.members().size());
    for (Member member : group.members()) {
      members.add(
          AttributeValue.fromM(
              Map.of(
                  USER_ID, of(member.userId().value()),
                  HANDLE, of(member.handle().value()),
                  JOINED_AT, of(member.joinedAt()))));
    }
    item.put(MEMBERS, AttributeValue.fromL(members));
    if (!group.mutes().isEmpty()) {
      Map<String, AttributeValue> mutes = new HashMap<>();
      group
          .mutes()
          .entries()
          .forEach((key, until) -> mutes.put(key.value(), of(until.toEpochMilli())));
      item.put(MUTES, AttributeValue.fromM(mutes));
    }
    return item;
  }

  static Group group(Map<String, AttributeValue> item) {
    List<Member> members = new ArrayList<>();
    AttributeValue stored = item.get(MEMBERS);
    if (stored == null || !stored.hasL()) {
      throw new IllegalStateException("stored group lacks attribute '" + MEMBERS + "'");
    }
    for (AttributeValue entry : stored.l()) {
      Map<String, AttributeValue> m = entry.m();
      members.add(
          new Member(
              new UserId(Attributes.string(m, USER_ID)),
              new Handle(Attributes.string(m, HANDLE)),
              Attributes.instant(m, JOINED_AT)));
    }
    Map<MuteKey, Instant> mutes = new LinkedHashMap<>();
    AttributeValue storedMutes = item.get(MUTES);
    if (storedMutes != null && storedMutes.hasM()) {
      storedMutes
          .m()
          .forEach(
              (key, until) ->
                  mutes.put(new MuteKey(key), Instant.ofEpochMilli(Long.parseLong(until.n()))));
    }
    return new Group(
        new GroupId(Attributes.after(GROUP, Attributes.string(item, TableDefinition.PK))),
        GroupName.stored(Attributes.string(item, NAME)),
        new UserId(Attributes.string(item, OWNER_ID)),
        Attributes.instant(item, CREATED_AT),
        members,
        (int) Attributes.number(item, MEMBER_LIMIT),
        Attributes.number(item, VERSION),
        new Mutes(mutes));
  }

  static Map<String, AttributeValue> membership(GroupId group, UserId user, long addedIn) {
    Map<String, AttributeValue> item = new HashMap<>(membershipKey(group, user));
    item.put(Attributes.TYPE, of("membership"));
    item.put(TableDefinition.GSI1_PK, of(UserItems.USER + user.value()));
    item.put(TableDefinition.GSI1_SK, of(GROUP + group.value()));
    item.put(ADDED_IN, of(addedIn));
    return item;
  }

  /** The group a membership item (as the keys-only index returns it) points to. */
  static GroupId groupOf(Map<String, AttributeValue> indexed) {
    return new GroupId(
        Attributes.after(GROUP, Attributes.string(indexed, TableDefinition.GSI1_SK)));
  }
}
