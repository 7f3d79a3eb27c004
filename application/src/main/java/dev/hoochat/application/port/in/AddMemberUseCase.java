package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.Handle;
import java.util.Objects;

/** Inbound port: the owner brings someone into the group. */
public interface AddMemberUseCase {

  Group add(AddMember command);

  record AddMember(Principal caller, GroupId groupId, Handle handle) {
    public AddMember {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(handle, "handle");
    }
  }
}
