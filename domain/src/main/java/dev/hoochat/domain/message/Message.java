package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as the log keeps it. The sender is a salted {@link SenderTag} of this message alone,
 * never a user id; a post that named a client id keeps its {@link RetryKey}, so that a retry finds
 * the first answer. Neither is the same on two messages, so neither links them.
 */
public record Message(
    MessageId id,
    GroupId groupId,
    Seq seq,
    MessageBody body,
    Instant sentAt,
    SenderTag sender,
    Optional<RetryKey> retryKey) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(seq, "seq");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(retryKey, "retryKey");
  }
}
