package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a group's message log to its partition {@code LOG#group}: the counter ({@code SEQ}), the
 * messages ({@code MSG#} and the zero-padded seq, so that key order is seq order) and the
 * idempotency records ({@code IDEM#retryKey}) and the presence gate ({@code PRESENCE}); a message's
 * reports are a string set of report keys on the message itself, so they leave with it. No item
 * here holds a user id or a handle, and none holds anything two messages of one sender share: the
 * sender is a tag salted per message, a retry is found by an HMAC of the client's id. Items written
 * before that ({@code clientMessageId}, one tag per sender) are still read; their client id is not
 * used again.
 */
final class MessageItems {
  static final String LOG = "LOG#";
  static final String COUNTER_SK = "SEQ";
  static final String MESSAGE = "MSG#";
  static final String IDEMPOTENCY = "IDEM#";

  static final String LAST = "last";
  static final String ID = "id";
  static final String SEQ = "seq";
  static final String BODY = "body";
  static final String SENT_AT = "sentAt";
  static final String SENDER = "sender";
  static final String RETRY_KEY = "retryKey";
  static final String MESSAGE_ID = "messageId";
  static final String STATE = "state";
  static final String REPORTS = "reports";
  static final String PRESENCE_SK = "PRESENCE";
  static final String NOT_BEFORE = "notBefore";
  static final String PENDING = "pending";

  private MessageItems() {}

  static String partition(GroupId group) {
    return LOG + group.value();
  }

  static Map<String, AttributeValue> counterKey(GroupId group) {
    return Table.key(partition(group), COUNTER_SK);
  }

  static String messageSk(long seq) {
    return MESSAGE + String.format("%020d", seq);
  }

  static Map<String, AttributeValue> messageKey(GroupId group, long seq) {
    return Table.key(partition(group), messageSk(seq));
  }

  static Map<String, AttributeValue> idempotencyKey(GroupId group, RetryKey retryKey) {
    return Table.key(partition(group), IDEMPOTENCY + retryKey.value());
  }

  static Map<String, AttributeValue> message(Message message) {
    Map<String, AttributeValue> item =
        new HashMap<>(messageKey(message.groupId(), message.seq().value()));
    item.put(Attributes.TYPE, of("message"));
    item.put(ID, of(message.id().value()));
    item.put(SEQ, of(message.seq().value()));
    message.body().ifPresent(b -> item.put(BODY, of(b.text())));
    if (!message.isShown()) {
      item.put(STATE, of(message.state().code()));
    }
    item.put(SENT_AT, of(message.sentAt()));
    item.put(SENDER, of(message.sender().value()));
    message.retryKey().ifPresent(k -> item.put(RETRY_KEY, of(k.value())));
    return item;
  }

  static Message message(GroupId group, Map<String, AttributeValue> item) {
    AttributeValue retryKey = item.get(RETRY_KEY);
    MessageState state =
        item.containsKey(STATE)
            ? MessageState.ofCode((int) Attributes.number(item, STATE))
            : MessageState.SHOWN;
    return new Message(
        new MessageId(Attributes.string(item, ID)),
        group,
        new Seq(Attributes.number(item, SEQ)),
        state == MessageState.SHOWN
            ? Optional.of(MessageBody.stored(Attributes.string(item, BODY)))
            : Optional.empty(),
        Attributes.instant(item, SENT_AT),
        new SenderTag(Attributes.string(item, SENDER)),
        Optional.ofNullable(retryKey).map(v -> new RetryKey(v.s())),
        state);
  }

  static Map<String, AttributeValue> presenceKey(GroupId group) {
    return Table.key(partition(group), PRESENCE_SK);
  }

  /** What the first attempt of a post chose: the message's id, time and seq. */
  static Map<String, AttributeValue> idempotency(
      Map<String, AttributeValue> key, MessageId id, Instant sentAt, long seq, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key);
    item.put(Attributes.TYPE, of("idempotency"));
    item.put(MESSAGE_ID, of(id.value()));
    item.put(SENT_AT, of(sentAt));
    item.put(SEQ, of(seq));
    item.put(TableDefinition.TTL, Attributes.expiry(expiresAt));
    return item;
  }

  /** The first attempt of a post, as its idempotency record remembers it. */
  record FirstAttempt(MessageId id, Instant sentAt, long seq) {
    static FirstAttempt of(Map<String, AttributeValue> item) {
      return new FirstAttempt(
          new MessageId(Attributes.string(item, MESSAGE_ID)),
          Attributes.instant(item, SENT_AT),
          Attributes.number(item, SEQ));
    }
  }
}
