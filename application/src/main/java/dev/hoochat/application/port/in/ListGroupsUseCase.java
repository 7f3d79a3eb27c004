package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import java.util.List;

/** Inbound port: the groups the caller belongs to. */
public interface ListGroupsUseCase {

  /** Ordered by name, then id, so that clients show a stable list. */
  List<GroupSummary> list(Principal caller);

  record GroupSummary(GroupId groupId, GroupName name, int memberCount) {}
}
