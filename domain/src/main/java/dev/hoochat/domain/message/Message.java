package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as the log keeps it. The sender is a {@link SenderTag}, never a user id; the client's
 * own id for it is kept so that a retry finds the first answer.
 */
public record Message(
    MessageId id,
    GroupId groupId,
    Seq seq,
    MessageBody body,
    Instant sentAt,
    SenderTag sender,
    Optional<ClientMessageId> clientMessageId) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(seq, "seq");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
  }

  public boolean sentBy(SenderTag tag) {
    return sender.matches(tag);
  }
}
