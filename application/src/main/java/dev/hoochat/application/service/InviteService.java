package dev.hoochat.application.service;

import dev.hoochat.application.port.in.CreateInviteUseCase;
import dev.hoochat.application.port.in.ListInvitesUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.RateLimitedException;
import dev.hoochat.application.port.in.RedeemInviteUseCase;
import dev.hoochat.application.port.in.RevokeInviteUseCase;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: the owner makes, lists and revokes invites; anyone signed in joins with one.
 *
 * <p>Redeeming checks what it can first (a live code, a group that still exists, the caller not in
 * it, room in it), then takes one use in the store — atomically, so a code of {@code n} uses admits
 * at most {@code n} however many try at once — and only then joins, by the same optimistic change
 * as the owner's add. Every code that does not let the caller in gets the same {@code
 * invite_not_found}: unknown, expired, revoked, used up, or its group dissolved. If the join fails
 * after the use was taken (the group filled up in between), that use is spent. Attempts are limited
 * per user like posts (a separate allowance of the same size), so codes cannot be guessed at speed
 * — not that 256 random bits could be.
 *
 * <p>Invites store no user: not who made one (the owner, by rule), not who used one. Log lines
 * never carry a code.
 */
public final class InviteService
    implements CreateInviteUseCase, ListInvitesUseCase, RevokeInviteUseCase, RedeemInviteUseCase {
  private static final Logger log = LoggerFactory.getLogger(InviteService.class);

  private final GroupStore groups;
  private final GroupService membership;
  private final PostRateLimit attempts;
  private final Clock clock;
  private final IdSource ids;

  public InviteService(
      GroupStore groups,
      GroupService membership,
      PostRateLimit attempts,
      Clock clock,
      IdSource ids) {
    this.groups = groups;
    this.membership = membership;
    this.attempts = attempts;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Invite createInvite(CreateInvite command) {
    Group group = owned(command.groupId(), command.caller());
    Invite invite =
        Invite.issue(
            InviteCode.from(ids.randomBytes(InviteCode.RANDOM_BYTES)),
            group.id(),
            command.terms(),
            clock.now());
    groups.createInvite(invite);
    log.info("event=invite_created group={} max_uses={}", group.id(), invite.maxUses());
    return invite;
  }

  @Override
  public List<Invite> listInvites(Principal caller, GroupId groupId) {
    Group group = owned(groupId, caller);
    Instant now = clock.now();
    return groups.invitesOf(group.id()).stream()
        .filter(i -> i.groupId().equals(group.id()) && i.isLive(now))
        .sorted(Comparator.comparing(Invite::createdAt).thenComparing(i -> i.code().value()))
        .toList();
  }

  @Override
  public void revokeInvite(Principal caller, GroupId groupId, InviteCode code) {
    Group group = owned(groupId, caller);
    if (groups.revokeInvite(group.id(), code)) {
      log.info("event=invite_revoked group={}", group.id());
    }
  }

  @Override
  public Group redeemInvite(Principal caller, InviteCode code) {
    Optional<Duration> wait = attempts.tryAcquire(caller.userId());
    if (wait.isPresent()) {
      throw new RateLimitedException(wait.get(), "too many invite attempts");
    }
    Instant now = clock.now();
    Invite invite =
        groups.findInvite(code).filter(i -> i.isLive(now)).orElseThrow(Invite::notFound);
    Group group = groups.findById(invite.groupId()).orElseThrow(Invite::notFound);
    if (group.hasMember(caller.userId())) {
      throw new RefusedException(Problem.ALREADY_MEMBER, "you are already a member");
    }
    if (group.members().size() >= group.memberLimit()) {
      throw new RefusedException(
          Problem.GROUP_FULL,
          "the group has reached its limit of " + group.memberLimit() + " members");
    }
    groups.redeemInvite(code, now).orElseThrow(Invite::notFound);
    Group joined = membership.join(caller, group.id());
    log.info("event=invite_redeemed group={} members={}", joined.id(), joined.members().size());
    return joined;
  }

  private Group owned(GroupId id, Principal caller) {
    Group group =
        groups.findById(id).orElseThrow(() -> Group.notFound(id)).visibleTo(caller.userId());
    if (!group.ownerId().equals(caller.userId())) {
      throw new RefusedException(Problem.NOT_OWNER, "only the group's owner manages invites");
    }
    return group;
  }
}
