package dev.hoochat.domain.group;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An inner circle: its name, its owner and its members, oldest first, and its live {@link Mutes}.
 * Every change answers a new group with {@code version + 1}, so that stores can refuse a write
 * based on a stale read and caches can tell an old copy from a new one.
 *
 * <p>The mutes travel with the group (stored and cached with it) so that a post's one read of its
 * group also answers whether the poster is muted. They are keyed by HMACs nobody can map to a
 * member without the sender key, and no view of a group shows them.
 */
public record Group(
    GroupId id,
    GroupName name,
    UserId ownerId,
    Instant createdAt,
    List<Member> members,
    int memberLimit,
    long version,
    Mutes mutes) {

  public static final int DEFAULT_MEMBER_LIMIT = 256;

  /** A group nobody in it is muted in. */
  public Group(
      GroupId id,
      GroupName name,
      UserId ownerId,
      Instant createdAt,
      List<Member> members,
      int memberLimit,
      long version) {
    this(id, name, ownerId, createdAt, members, memberLimit, version, Mutes.none());
  }

  public Group {
    Objects.requireNonNull(mutes, "mutes");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(createdAt, "createdAt");
    members = List.copyOf(members);
    if (memberLimit < 1) {
      throw new IllegalArgumentException("member limit must be positive");
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a group has at least one member");
    }
    if (members.stream().map(Member::userId).distinct().count() != members.size()) {
      throw new IllegalArgumentException("a user is a member at most once");
    }
    if (members.stream().noneMatch(m -> m.userId().equals(ownerId))) {
      throw new IllegalArgumentException("the owner is a member");
    }
    if (members.size() > memberLimit) {
      throw new RefusedException(
          Problem.GROUP_FULL, "a group has at most " + memberLimit + " members");
    }
  }

  /**
   * Founds a group: the founder owns it and is its first member; the others join at the same
   * instant, in the order given. Naming the founder or someone twice is harmless.
   */
  public static Group found(
      GroupId id,
      GroupName name,
      Member founder,
      Collection<Member> others,
      int memberLimit,
      Instant at) {
    Map<UserId, Member> joined = new LinkedHashMap<>();
    joined.put(founder.userId(), founder);
    for (Member other : others) {
      joined.putIfAbsent(other.userId(), other);
    }
    return new Group(
        id, name, founder.userId(), at, new ArrayList<>(joined.values()), memberLimit, 1);
  }

  public boolean hasMember(UserId userId) {
    return member(userId).isPresent();
  }

  public Optional<Member> member(UserId userId) {
    return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
  }

  public List<UserId> memberIds() {
    return members.stream().map(Member::userId).toList();
  }

  /**
   * Answers this group as seen by {@code caller}, refusing with {@code group_not_found} when the
   * caller is not a member: a group's existence is not revealed to outsiders.
   */
  public Group visibleTo(UserId caller) {
    if (!hasMember(caller)) {
      throw notFound(id);
    }
    return this;
  }

  /** Adds {@code newcomer}, on behalf of {@code by}, who must be the owner. */
  public Group add(Member newcomer, UserId by) {
    visibleTo(by);
    if (!ownerId.equals(by)) {
      throw new RefusedException(Problem.NOT_OWNER, "only the group's owner may add members");
    }
    if (hasMember(newcomer.userId())) {
      throw new RefusedException(
          Problem.ALREADY_MEMBER, "'" + newcomer.handle() + "' is already a member");
    }
    if (members.size() >= memberLimit) {
      throw new RefusedException(
          Problem.GROUP_FULL, "the group has reached its limit of " + memberLimit + " members");
    }
    List<Member> grown = new ArrayList<>(members);
    grown.add(newcomer);
    return new Group(id, name, ownerId, createdAt, grown, memberLimit, version + 1, mutes);
  }

  /**
   * Adds {@code newcomer} on their own behalf, with an invite the owner made: the same rules as
   * {@link #add} but for who asks.
   */
  public Group join(Member newcomer) {
    return add(newcomer, ownerId);
  }

  /**
   * Removes {@code leaver} on behalf of {@code by}: the owner removes anyone, a member only
   * themself. An owner who leaves hands the group to the longest-standing member; the last member
   * to leave dissolves it.
   */
  public Removal remove(UserId leaver, UserId by) {
    visibleTo(by);
    if (!leaver.equals(by) && !ownerId.equals(by)) {
      throw new RefusedException(Problem.NOT_OWNER, "only the group's owner may remove others");
    }
    if (!hasMember(leaver)) {
      throw new RefusedException(Problem.MEMBER_NOT_FOUND, "that user is not a member");
    }
    List<Member> remaining = members.stream().filter(m -> !m.userId().equals(leaver)).toList();
    if (remaining.isEmpty()) {
      return new Removal.Dissolved(this);
    }
    UserId owner = ownerId.equals(leaver) ? remaining.get(0).userId() : ownerId;
    return new Removal.Remaining(
        new Group(id, name, owner, createdAt, remaining, memberLimit, version + 1, mutes));
  }

  /**
   * Mutes whoever {@code key} stands for until {@code until}, on behalf of {@code by}, who must be
   * the owner: a change like any other ({@code version + 1}), which also drops the mutes ended at
   * {@code now}.
   */
  public Group mute(MuteKey key, Instant until, UserId by, Instant now) {
    visibleTo(by);
    if (!ownerId.equals(by)) {
      throw new RefusedException(Problem.NOT_OWNER, "only the group's owner may mute");
    }
    return new Group(
        id,
        name,
        ownerId,
        createdAt,
        members,
        memberLimit,
        version + 1,
        mutes.with(key, until, now));
  }

  /** Until when the member behind {@code key} is muted here, if that is after {@code now}. */
  public Optional<Instant> mutedUntil(MuteKey key, Instant now) {
    return mutes.until(key, now);
  }

  /**
   * This change without the mutes ended at {@code now} (same version): what is written, so that
   * ended mutes leave the record whenever the group is written.
   */
  public Group withLiveMutesAt(Instant now) {
    Mutes live = mutes.liveAt(now);
    return live == mutes
        ? this
        : new Group(id, name, ownerId, createdAt, members, memberLimit, version, live);
  }

  public static RefusedException notFound(GroupId id) {
    return new RefusedException(Problem.GROUP_NOT_FOUND, "no group " + id);
  }

  /** What is left of a group after someone leaves. */
  public sealed interface Removal {
    /** The group goes on with the members who stay. */
    record Remaining(Group group) implements Removal {}

    /** The last member left: the group and its messages are gone. */
    record Dissolved(Group last) implements Removal {}
  }
}
