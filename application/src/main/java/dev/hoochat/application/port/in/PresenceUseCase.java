package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;

/** Inbound port: how many of a group's members are online — never who. */
public interface PresenceUseCase {

  /** Refuses with {@code group_not_found} when the caller is not a member. */
  Presence presence(Principal caller, GroupId groupId);

  /** {@code online}: members with at least one open connection, of {@code members}. */
  record Presence(int online, int members) {}
}
