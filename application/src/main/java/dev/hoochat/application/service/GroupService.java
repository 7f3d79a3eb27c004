package dev.hoochat.application.service;

import dev.hoochat.application.port.in.AddMemberUseCase;
import dev.hoochat.application.port.in.CreateGroupUseCase;
import dev.hoochat.application.port.in.GetGroupUseCase;
import dev.hoochat.application.port.in.ListGroupsUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.RemoveMemberUseCase;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: found a group, add and remove members, list and show groups. Changes are optimistic:
 * read, apply the domain's rule, write if nobody changed the group meanwhile, and otherwise read
 * again (a few times) before giving up. Every write drops the group's ended mutes ({@link
 * Group#withLiveMutesAt}), so they do not pile up in its record.
 */
public final class GroupService
    implements CreateGroupUseCase,
        AddMemberUseCase,
        RemoveMemberUseCase,
        ListGroupsUseCase,
        GetGroupUseCase {
  private static final Logger log = LoggerFactory.getLogger(GroupService.class);
  private static final int ATTEMPTS = 8;

  private final GroupStore groups;
  private final UserStore users;
  private final MessageLog messages;
  private final GroupTurns turns;
  private final Clock clock;
  private final IdSource ids;
  private final int memberLimit;
  private final int ownedLimit;
  private final int joinedLimit;
  private final Object[] userStripes = new Object[256];

  /**
   * @param ownedLimit groups a user may own (found); 0 = no limit
   * @param joinedLimit groups a user may be in; 0 = no limit
   */
  public GroupService(
      GroupStore groups,
      UserStore users,
      MessageLog messages,
      GroupLocks locks,
      Clock clock,
      IdSource ids,
      int memberLimit,
      int ownedLimit,
      int joinedLimit) {
    this.groups = groups;
    this.users = users;
    this.messages = messages;
    this.turns = new GroupTurns(locks);
    this.clock = clock;
    this.ids = ids;
    this.memberLimit = memberLimit;
    this.ownedLimit = ownedLimit;
    this.joinedLimit = joinedLimit;
    for (int i = 0; i < userStripes.length; i++) {
      userStripes[i] = new Object();
    }
  }

  /**
   * The limits are checked before the write, and a user's own foundings are serialised in this
   * process, so one process never lets a user found more than {@code ownedLimit} groups. Across
   * processes (Lambda environments) simultaneous requests can each pass the check: a user can
   * overshoot by the number of their requests in flight at once (docs/hardening-limits.md).
   */
  @Override
  public Group create(CreateGroup command) {
    synchronized (stripe(command.caller().userId())) {
      Instant now = clock.now();
      Member founder = new Member(command.caller().userId(), command.caller().handle(), now);
      List<Member> others = new ArrayList<>();
      for (Handle handle : command.members()) {
        if (!handle.equals(founder.handle())) {
          others.add(new Member(existing(handle).id(), handle, now));
        }
      }
      Group group =
          Group.found(new GroupId(ids.newId()), command.name(), founder, others, memberLimit, now);
      checkFounder(command.caller());
      for (Member other : group.members()) {
        if (!other.userId().equals(founder.userId())) {
          checkRoomToJoin(other.userId(), other.handle());
        }
      }
      groups.create(group);
      log.info("event=group_created group={} members={}", group.id(), group.members().size());
      return group;
    }
  }

  /**
   * The newcomer's room is checked only once the caller is known to own the group (the change's
   * rule ran first): anyone else gets the answer they got before the limit existed, and the owner
   * learns one bit — this user is in as many groups as allowed — only by an attempt that, had the
   * answer been no, would have added them to the group for them to see.
   */
  @Override
  public Group add(AddMember command) {
    User newcomer = existing(command.handle());
    Instant now = clock.now();
    Group changed;
    synchronized (stripe(newcomer.id())) {
      changed =
          change(
              command.groupId(),
              command.caller(),
              g -> {
                Group added =
                    g.add(
                        new Member(newcomer.id(), newcomer.handle(), now),
                        command.caller().userId());
                checkRoomToJoin(newcomer.id(), newcomer.handle());
                return added;
              });
    }
    log.info("event=member_added group={} members={}", changed.id(), changed.members().size());
    return changed;
  }

  /**
   * The caller joins on their own behalf (an invite let them): the owner's rules for adding, the
   * joined-groups limit, the same optimistic change. A group that vanished meanwhile is {@code
   * invite_not_found}, like every other invite that lets nobody in.
   */
  Group join(Principal caller, GroupId groupId) {
    Instant now = clock.now();
    Member newcomer = new Member(caller.userId(), caller.handle(), now);
    synchronized (stripe(caller.userId())) {
      for (int attempt = 1; ; attempt++) {
        Group current =
            groups.findById(groupId).orElseThrow(dev.hoochat.domain.invite.Invite::notFound);
        Group joined = current.join(newcomer).withLiveMutesAt(now);
        checkRoomToJoin(caller.userId(), caller.handle());
        try {
          inTurn(joined.id(), () -> groups.update(joined));
          log.info("event=member_joined group={} members={}", joined.id(), joined.members().size());
          return joined;
        } catch (StaleGroupException e) {
          giveUpAfter(attempt, e);
        }
      }
    }
  }

  private void checkFounder(Principal caller) {
    if (ownedLimit == 0 && joinedLimit == 0) {
      return;
    }
    List<Group> of = groups.findByMember(caller.userId());
    if (ownedLimit > 0
        && of.stream().filter(g -> g.ownerId().equals(caller.userId())).count() >= ownedLimit) {
      log.info("event=group_refused reason=owned_group_limit user={}", caller.userId());
      throw new RefusedException(
          Problem.OWNED_GROUP_LIMIT,
          "you own " + ownedLimit + " groups, the most allowed; leave or dissolve one first");
    }
    if (joinedLimit > 0 && of.size() >= joinedLimit) {
      log.info("event=group_refused reason=joined_group_limit user={}", caller.userId());
      throw new RefusedException(
          Problem.JOINED_GROUP_LIMIT,
          "you are in " + joinedLimit + " groups, the most allowed; leave one first");
    }
  }

  private void checkRoomToJoin(UserId user, Handle handle) {
    if (joinedLimit > 0 && groups.findByMember(user).size() >= joinedLimit) {
      log.info("event=group_refused reason=joined_group_limit user={}", user);
      throw new RefusedException(
          Problem.JOINED_GROUP_LIMIT, "'" + handle + "' cannot join more groups");
    }
  }

  private Object stripe(UserId user) {
    return userStripes[Math.floorMod(user.hashCode(), userStripes.length)];
  }

  @Override
  public void remove(RemoveMember command) {
    for (int attempt = 1; ; attempt++) {
      Group current = visible(command.groupId(), command.caller());
      Group.Removal removal = current.remove(command.member(), command.caller().userId());
      try {
        if (removal instanceof Group.Removal.Remaining remaining) {
          Group written = remaining.group().withLiveMutesAt(clock.now());
          inTurn(written.id(), () -> groups.update(written));
          log.info(
              "event=member_removed group={} members={}",
              current.id(),
              remaining.group().members().size());
        } else if (removal instanceof Group.Removal.Dissolved dissolved) {
          // The group goes first: once it is gone its messages are unreachable, and a failure
          // between the two leaves only unreachable messages, never a group without its log.
          inTurn(dissolved.last().id(), () -> groups.delete(dissolved.last()));
          forgetMessages(dissolved.last().id());
          log.info("event=group_dissolved group={}", current.id());
        }
        return;
      } catch (StaleGroupException e) {
        giveUpAfter(attempt, e);
      }
    }
  }

  @Override
  public List<GroupSummary> list(Principal caller) {
    return groups.findByMember(caller.userId()).stream()
        .filter(g -> g.hasMember(caller.userId()))
        .map(g -> new GroupSummary(g.id(), g.name(), g.members().size()))
        .sorted(
            Comparator.comparing((GroupSummary s) -> s.name().value())
                .thenComparing(s -> s.groupId().value()))
        .toList();
  }

  @Override
  public Group get(Principal caller, GroupId groupId) {
    return visible(groupId, caller);
  }

  private Group change(GroupId id, Principal caller, UnaryOperator<Group> rule) {
    for (int attempt = 1; ; attempt++) {
      Group changed = rule.apply(visible(id, caller)).withLiveMutesAt(clock.now());
      try {
        inTurn(changed.id(), () -> groups.update(changed));
        return changed;
      } catch (StaleGroupException e) {
        giveUpAfter(attempt, e);
      }
    }
  }

  /**
   * A membership change writes the store and then the cached group; holding the group's lease
   * across both keeps two changes from different processes (Lambda environments sharing one cache)
   * from leaving the cache in the opposite order of their store writes, which could keep a removed
   * member in the cached group until its TTL.
   */
  private void inTurn(GroupId group, Runnable write) {
    turns.inTurn(
        group,
        () -> {
          write.run();
          return null;
        });
  }

  private void forgetMessages(GroupId dissolved) {
    try {
      messages.deleteAll(dissolved);
    } catch (StoreUnavailableException e) {
      log.warn(
          "event=dissolved_group_messages_kept group={} reason=\"{}\" effect=unreachable_until_deleted",
          dissolved,
          e.getMessage());
    }
  }

  private static void giveUpAfter(int attempt, StaleGroupException e) {
    if (attempt >= ATTEMPTS) {
      log.warn("event=group_contended attempts={} reason=\"{}\"", attempt, e.getMessage());
      throw new RefusedException(
          Problem.UNAVAILABLE, "the group is changing too fast; nothing was changed, try again");
    }
  }

  private Group visible(GroupId id, Principal caller) {
    return groups.findById(id).orElseThrow(() -> Group.notFound(id)).visibleTo(caller.userId());
  }

  private User existing(Handle handle) {
    return users
        .findByHandle(handle)
        .orElseThrow(
            () ->
                new RefusedException(
                    Problem.UNKNOWN_HANDLE, "no user has the handle '" + handle + "'"));
  }
}
