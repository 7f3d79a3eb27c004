package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.util.Objects;

/**
 * Inbound port: the owner removes someone, or a member leaves. Once this returns, the removed
 * member receives nothing posted to the group.
 */
public interface RemoveMemberUseCase {

  void remove(RemoveMember command);

  record RemoveMember(Principal caller, GroupId groupId, UserId member) {
    public RemoveMember {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(member, "member");
    }
  }
}
