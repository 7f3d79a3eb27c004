package dev.hoochat.domain.invite;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import java.time.Instant;
import java.util.Objects;

/**
 * A way into a group without the owner naming you: whoever holds the code joins, at most {@code
 * maxUses} times, until {@code expiresAt}. It records no user: neither who made it (the owner, by
 * rule) nor who used it.
 */
public record Invite(
    InviteCode code, GroupId groupId, int maxUses, int uses, Instant expiresAt, Instant createdAt) {

  public Invite {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdAt, "createdAt");
    if (maxUses < 1 || uses < 0 || uses > maxUses) {
      throw new IllegalArgumentException("an invite has 1 or more uses, of which 0 to all used");
    }
  }

  /** A new invite on {@code terms}, made at {@code now}. */
  public static Invite issue(InviteCode code, GroupId group, InviteTerms terms, Instant now) {
    return new Invite(code, group, terms.maxUses(), 0, now.plus(terms.ttl()), now);
  }

  /** Whether someone may still join with it at {@code now}: not expired, not used up. */
  public boolean isLive(Instant now) {
    return uses < maxUses && now.isBefore(expiresAt);
  }

  /** The invite after one more use. */
  public Invite used() {
    return new Invite(code, groupId, maxUses, uses + 1, expiresAt, createdAt);
  }

  /** The one answer to every code that does not let the caller in. */
  public static RefusedException notFound() {
    return new RefusedException(Problem.INVITE_NOT_FOUND, "no such invite, or it ended");
  }
}
