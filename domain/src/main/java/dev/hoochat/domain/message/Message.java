package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as the log keeps it. The sender is a salted {@link SenderTag} of this message alone,
 * never a user id; a post that named a client id keeps its {@link RetryKey}, so that a retry finds
 * the first answer. Neither is the same on two messages, so neither links them.
 *
 * <p>A message that was unsent or hidden ({@link MessageState}) has no body any more: {@code body}
 * is present exactly when the state is {@link MessageState#SHOWN}. Its tag stays, so that its
 * author can still be recognised by the server (unsending twice, a mute) and by nobody else.
 */
public record Message(
    MessageId id,
    GroupId groupId,
    Seq seq,
    Optional<MessageBody> body,
    Instant sentAt,
    SenderTag sender,
    Optional<RetryKey> retryKey,
    MessageState state) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(seq, "seq");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(retryKey, "retryKey");
    Objects.requireNonNull(state, "state");
    if (body.isPresent() != (state == MessageState.SHOWN)) {
      throw new IllegalArgumentException("a message has a body exactly while it is shown");
    }
  }

  /** A message as posted: shown, with its body. */
  public Message(
      MessageId id,
      GroupId groupId,
      Seq seq,
      MessageBody body,
      Instant sentAt,
      SenderTag sender,
      Optional<RetryKey> retryKey) {
    this(id, groupId, seq, Optional.of(body), sentAt, sender, retryKey, MessageState.SHOWN);
  }

  /** The same message in {@code to} ({@code UNSENT} or {@code HIDDEN}), without its body. */
  public Message redacted(MessageState to) {
    if (to == MessageState.SHOWN) {
      throw new IllegalArgumentException("a redaction takes the body away");
    }
    return new Message(id, groupId, seq, Optional.empty(), sentAt, sender, retryKey, to);
  }

  public boolean isShown() {
    return state == MessageState.SHOWN;
  }
}
