package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageId;

/**
 * Inbound port: a message's author takes it back. Its body is deleted from the store and the cache;
 * it stays in the history as unsent, and every connected member is told.
 */
public interface UnsendMessageUseCase {

  /**
   * Refuses with {@code group_not_found} an outsider, {@code message_not_found} a message the group
   * does not retain, and {@code not_author} anyone but its author. Unsending it again is no error.
   */
  void unsend(Principal caller, GroupId groupId, MessageId messageId);
}
