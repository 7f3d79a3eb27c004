package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageId;

/**
 * Inbound port: a member reports a message. Once max(2, ⌈members / 3⌉) distinct members did, the
 * message is hidden for everyone and every connected member is told.
 */
public interface ReportMessageUseCase {

  /**
   * Refuses with {@code group_not_found} an outsider and {@code message_not_found} a message the
   * group does not retain. A member's repeated reports of one message count once.
   */
  void report(Principal caller, GroupId groupId, MessageId messageId);
}
