package dev.hoochat.application.port.out;

import static dev.hoochat.application.port.PortOperation.Kind.READ;
import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound port: each group's messages, numbered 1, 2, 3, … with only the newest {@value
 * MessageWindow#CAPACITY} retained.
 */
public interface MessageLog {

  /**
   * Gives the message the group's next seq, stores it and forgets the one that falls out of the
   * window. A message whose {@code retryKey} (the same sender's same {@code clientMessageId}) is
   * already in the group is not stored again: the first one is answered, with {@code created}
   * false.
   */
  @PortOperation(WRITE)
  Appended append(NewMessage message);

  /** The retained window, ascending. */
  @PortOperation(READ)
  MessageWindow window(GroupId group);

  /** Forgets every message of a dissolved group, with its reports. */
  @PortOperation(WRITE)
  void deleteAll(GroupId group);

  /**
   * Deletes the body of the retained message at {@code seq} and marks it {@code to} ({@code UNSENT}
   * or {@code HIDDEN}), if it is still shown. Answers true only to the call that did it: a message
   * already redacted, or no longer retained, is left as it is.
   */
  @PortOperation(WRITE)
  boolean redact(GroupId group, Seq seq, MessageState to);

  /**
   * Records a report of the retained message at {@code seq}; a report key already recorded for it
   * is not counted again. Answers how many distinct report keys the message has now, 0 when it is
   * not retained. Reports leave with their message (eviction, {@link #deleteAll}).
   */
  @PortOperation(WRITE)
  int report(GroupId group, Seq seq, ReportKey reporter);

  /** A message before the log numbers it. */
  record NewMessage(
      GroupId groupId,
      MessageId id,
      MessageBody body,
      Instant sentAt,
      SenderTag sender,
      Optional<RetryKey> retryKey) {
    public NewMessage {
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(sentAt, "sentAt");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(retryKey, "retryKey");
    }
  }

  /** The stored message, and whether this call stored it or found it stored before. */
  record Appended(Message message, boolean created) {}
}
