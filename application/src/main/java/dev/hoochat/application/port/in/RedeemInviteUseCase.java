package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.invite.InviteCode;

/** Inbound port: any signed-in user joins a group with an invite code. */
public interface RedeemInviteUseCase {

  /**
   * Answers the group with the caller in it. Unknown, expired, revoked and used-up codes all get
   * {@code invite_not_found}; a member gets {@code already_member}, a full group {@code
   * group_full}, and too many attempts {@code rate_limited} (the same allowance as posts).
   */
  Group redeemInvite(Principal caller, InviteCode code);
}
