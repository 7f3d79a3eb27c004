package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;

/** Inbound port: one group with its members, for its members only. */
public interface GetGroupUseCase {

  /**
   * Refuses with {@code group_not_found} when there is no such group or the caller is not in it.
   */
  Group get(Principal caller, GroupId groupId);
}
