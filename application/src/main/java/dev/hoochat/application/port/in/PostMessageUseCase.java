package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import java.util.Objects;
import java.util.Optional;

/** Inbound port: post a message to a group; every member's open connections receive it. */
public interface PostMessageUseCase {

  /**
   * Stores and delivers the message. A repeat of a {@code clientMessageId} answers the first
   * message with {@code created} false and delivers nothing again.
   */
  Posted post(PostMessage command);

  record PostMessage(
      Principal caller,
      GroupId groupId,
      MessageBody body,
      Optional<ClientMessageId> clientMessageId) {
    public PostMessage {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(clientMessageId, "clientMessageId");
    }
  }

  /** The message as stored; {@code created} is false for a repeat. */
  record Posted(Message message, boolean created) {}
}
