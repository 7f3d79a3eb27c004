package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.Seq;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Inbound port: a group's retained messages, for its members only. */
public interface ReadMessagesUseCase {

  History read(ReadMessages command);

  /** {@code after}: only messages with a greater seq (a reconnecting client's position). */
  record ReadMessages(Principal caller, GroupId groupId, OptionalLong after) {
    public ReadMessages {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(after, "after");
    }
  }

  record History(List<MessageView> messages, long oldestSeq, long latestSeq, boolean gap) {
    public History {
      messages = List.copyOf(messages);
    }
  }

  /**
   * A message as its reader sees it: {@code mine} for the sender, no sender for anyone. An unsent
   * or hidden message has no body, and {@code mine} is false on it for every reader alike (it is
   * not computed), so that a redaction shows the same to everyone.
   */
  record MessageView(
      MessageId messageId,
      Seq seq,
      Optional<MessageBody> body,
      Instant sentAt,
      boolean mine,
      MessageState state) {
    public MessageView {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(state, "state");
      if (body.isPresent() != (state == MessageState.SHOWN) || (mine && body.isEmpty())) {
        throw new IllegalArgumentException("a redacted message has no body and is no one's");
      }
    }

    /** A shown message. */
    public MessageView(
        MessageId messageId, Seq seq, MessageBody body, Instant sentAt, boolean mine) {
      this(messageId, seq, Optional.of(body), sentAt, mine, MessageState.SHOWN);
    }
  }
}
