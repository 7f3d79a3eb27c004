package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MuteDuration;
import java.util.Objects;

/**
 * Inbound port: the owner mutes whoever wrote a message, without learning who. Until the mute ends,
 * that member's posts to the group are refused with {@code muted}.
 */
public interface MuteAuthorUseCase {

  /**
   * Answers nothing, the same whoever the author is (the owner included, or someone who left).
   * Refuses with {@code group_not_found} an outsider, {@code not_owner} any other member and {@code
   * message_not_found} a message the group does not retain.
   */
  void muteAuthor(MuteAuthor command);

  record MuteAuthor(Principal caller, GroupId groupId, MessageId messageId, MuteDuration duration) {
    public MuteAuthor {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(duration, "duration");
    }
  }
}
