package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.InviteCode;

/** Inbound port: the owner ends an invite before its time. */
public interface RevokeInviteUseCase {

  /**
   * Refuses like {@link CreateInviteUseCase}; a code that is not this group's, or not live (or not
   * well formed), is ended already: the answer is the same success, as API.md says.
   */
  void revokeInvite(Principal caller, GroupId groupId, InviteCode code);
}
