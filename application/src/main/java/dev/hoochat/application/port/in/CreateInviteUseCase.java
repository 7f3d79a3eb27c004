package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteTerms;
import java.util.Objects;

/** Inbound port: the owner makes an invite code for the group. */
public interface CreateInviteUseCase {

  /** Refuses with {@code group_not_found} an outsider and {@code not_owner} any other member. */
  Invite createInvite(CreateInvite command);

  record CreateInvite(Principal caller, GroupId groupId, InviteTerms terms) {
    public CreateInvite {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(terms, "terms");
    }
  }
}
