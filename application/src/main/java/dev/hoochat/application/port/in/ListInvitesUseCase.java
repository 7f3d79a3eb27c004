package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import java.util.List;

/** Inbound port: the group's live invites (not expired, not used up), for its owner. */
public interface ListInvitesUseCase {

  /** Oldest first. Refuses like {@link CreateInviteUseCase}. */
  List<Invite> listInvites(Principal caller, GroupId groupId);
}
