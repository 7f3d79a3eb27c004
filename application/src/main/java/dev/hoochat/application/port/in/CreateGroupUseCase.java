package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.user.Handle;
import java.util.List;
import java.util.Objects;

/** Inbound port: found a group; the caller owns it and is its first member. */
public interface CreateGroupUseCase {

  /** Refuses with {@code unknown_handle} naming the first handle that does not exist. */
  Group create(CreateGroup command);

  record CreateGroup(Principal caller, GroupName name, List<Handle> members) {
    public CreateGroup {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(name, "name");
      members = List.copyOf(members);
    }
  }
}
