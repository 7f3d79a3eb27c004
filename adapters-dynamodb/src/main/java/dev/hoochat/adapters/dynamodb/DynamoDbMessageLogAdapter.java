package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.Seq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Outbound adapter: keeps each group's message log in the DynamoDB table, without transactions.
 *
 * <p>A post is three ordered writes: {@code ADD 1} on the group's counter (the seq, atomic however
 * many writers), a conditional put of the message at that seq, and the delete of the message that
 * falls out of the window ({@code seq - 100}). If the store fails after the counter moved, that seq
 * stays unused (a seq is never reused); if it fails on the eviction, the message is stored and the
 * old one lingers unseen, because the window is read as the newest 100 by key.
 *
 * <p>A post with a {@code clientMessageId} first reads its idempotency record ({@code
 * IDEM#retryKey}, strongly consistent; the retry key is an HMAC of group, sender and client id, so
 * the records of one sender share nothing a dump could group them by). None: the counter moves and
 * the record is put conditionally, naming the seq and message id it reserved; then the message as
 * above. Found: this is a retry; the message at the recorded seq is the answer, and if the first
 * attempt stopped before storing it (and it would still be in the window) the retry stores it under
 * the first attempt's id and seq, by the same conditional put, so that one of them stores it and
 * fans out. Two posts with one id racing past the read cost one seq, not a duplicate.
 */
public final class DynamoDbMessageLogAdapter implements MessageLog {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbMessageLogAdapter.class);
  private static final String PORT = "messages";
  private static final Table.Op APPEND = new Table.Op(PORT, "append");
  private static final Table.Op WINDOW = new Table.Op(PORT, "window");
  private static final Table.Op DELETE_ALL = new Table.Op(PORT, "deleteAll");
  private static final Table.Op REDACT = new Table.Op(PORT, "redact");
  private static final Table.Op REPORT = new Table.Op(PORT, "report");

  /** Idempotency records outlive any sensible retry; the TTL is a backstop, not the mechanism. */
  static final Duration IDEMPOTENCY_TTL = Duration.ofDays(7);

  private static final Map<String, String> NOT_EXISTS_NAMES = Map.of("#pk", TableDefinition.PK);
  private static final String NOT_EXISTS = "attribute_not_exists(#pk)";

  private final Table table;

  public DynamoDbMessageLogAdapter(DynamoDbClient client, String tableName, PortMetrics metrics) {
    this.table = new Table(client, tableName, metrics);
  }

  @Override
  public Appended append(NewMessage draft) {
    if (draft.retryKey().isEmpty()) {
      return store(draft, nextSeq(draft.groupId()), true);
    }
    Map<String, AttributeValue> recordKey =
        MessageItems.idempotencyKey(draft.groupId(), draft.retryKey().get());
    Map<String, AttributeValue> record = table.get(APPEND, recordKey, true);
    if (record != null) {
      return retry(draft, MessageItems.FirstAttempt.of(record));
    }
    Seq seq = nextSeq(draft.groupId());
    try {
      table.put(
          APPEND,
          PutItemRequest.builder()
              .item(
                  MessageItems.idempotency(
                      recordKey,
                      draft.id(),
                      draft.sentAt(),
                      seq.value(),
                      draft.sentAt().plus(IDEMPOTENCY_TTL)))
              .conditionExpression(NOT_EXISTS)
              .expressionAttributeNames(NOT_EXISTS_NAMES));
    } catch (ConditionalCheckFailedException concurrent) {
      log.info(
          "event=seq_unused group={} seq={} reason=concurrent_retry", draft.groupId(), seq.value());
      return retry(draft, MessageItems.FirstAttempt.of(table.get(APPEND, recordKey, true)));
    }
    return store(draft, seq, true);
  }

  /** ADD on the counter item: atomic, so concurrent writers get distinct, consecutive seqs. */
  private Seq nextSeq(GroupId group) {
    Map<String, AttributeValue> updated =
        table
            .update(
                APPEND,
                UpdateItemRequest.builder()
                    .key(MessageItems.counterKey(group))
                    .updateExpression("ADD #last :one SET #type = :type")
                    .expressionAttributeNames(
                        Map.of("#last", MessageItems.LAST, "#type", Attributes.TYPE))
                    .expressionAttributeValues(
                        Map.of(":one", Attributes.of(1), ":type", Attributes.of("counter")))
                    .returnValues(ReturnValue.UPDATED_NEW))
            .attributes();
    return new Seq(Attributes.number(updated, MessageItems.LAST));
  }

  /**
   * Writes the message at its seq. {@code fresh}: the draft's id is this attempt's own, not a first
   * attempt's taken over by a retry of the post.
   */
  private Appended store(NewMessage draft, Seq seq, boolean fresh) {
    Message message =
        new Message(
            draft.id(),
            draft.groupId(),
            seq,
            draft.body(),
            draft.sentAt(),
            draft.sender(),
            draft.retryKey());
    try {
      table.put(
          APPEND,
          PutItemRequest.builder()
              .item(MessageItems.message(message))
              .conditionExpression(NOT_EXISTS)
              .expressionAttributeNames(NOT_EXISTS_NAMES));
    } catch (ConditionalCheckFailedException alreadyThere) {
      Message stored = storedAt(draft.groupId(), seq.value());
      if (!fresh || !stored.id().equals(draft.id())) {
        // Only a retry of this very post writes at a seq it did not reserve: it stored it first.
        return new Appended(stored, false);
      }
      // This attempt's own id is there: the SDK retried a put whose answer it lost (a slow or
      // reset connection), and the first put landed. The post is new and must still be pushed.
      log.info("event=append_answer_lost group={} seq={}", draft.groupId(), seq.value());
    }
    evictBefore(draft.groupId(), seq);
    return new Appended(message, true);
  }

  private Appended retry(NewMessage draft, MessageItems.FirstAttempt first) {
    Map<String, AttributeValue> stored =
        table.get(APPEND, MessageItems.messageKey(draft.groupId(), first.seq()), true);
    if (stored != null) {
      return new Appended(MessageItems.message(draft.groupId(), stored), false);
    }
    Message asFirstAttempt =
        new Message(
            first.id(),
            draft.groupId(),
            new Seq(first.seq()),
            draft.body(),
            first.sentAt(),
            draft.sender(),
            draft.retryKey());
    if (first.seq() <= latestSeq(draft.groupId()) - MessageWindow.CAPACITY) {
      // Stored long ago and evicted since: answer what it was, do not bring it back.
      return new Appended(asFirstAttempt, false);
    }
    return store(
        new NewMessage(
            draft.groupId(),
            first.id(),
            draft.body(),
            first.sentAt(),
            draft.sender(),
            draft.retryKey()),
        new Seq(first.seq()),
        false);
  }

  private long latestSeq(GroupId group) {
    Map<String, AttributeValue> counter = table.get(APPEND, MessageItems.counterKey(group), true);
    return counter == null ? 0 : Attributes.number(counter, MessageItems.LAST);
  }

  private Message storedAt(GroupId group, long seq) {
    Map<String, AttributeValue> item = table.get(APPEND, MessageItems.messageKey(group, seq), true);
    if (item == null) {
      throw new IllegalStateException("message " + seq + " of group " + group + " vanished");
    }
    return MessageItems.message(group, item);
  }

  /**
   * The message is stored whatever happens here: a failed eviction is logged, not thrown, so that
   * the caller does not post again. The window query ignores what lingers.
   */
  private void evictBefore(GroupId group, Seq seq) {
    MessageWindow.evictedBy(seq)
        .ifPresent(
            evicted -> {
              try {
                table.delete(
                    APPEND,
                    DeleteItemRequest.builder().key(MessageItems.messageKey(group, evicted)));
              } catch (StoreUnavailableException e) {
                log.warn(
                    "event=eviction_failed group={} seq={} reason=store_unavailable",
                    group,
                    evicted);
              }
            });
  }

  /**
   * One query, newest first, for at most {@value MessageWindow#CAPACITY} messages. Strongly
   * consistent: the cache is refilled from this read and then trusted while complete, so a read
   * that missed the newest message would hide it from every reader until the next post. The cache
   * absorbs most window reads, so the double price of a consistent read is rarely paid.
   */
  @Override
  public MessageWindow window(GroupId group) {
    List<Map<String, AttributeValue>> items =
        table
            .query(
                WINDOW,
                QueryRequest.builder()
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :msg)")
                    .expressionAttributeNames(
                        Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", Attributes.of(MessageItems.partition(group)),
                            ":msg", Attributes.of(MessageItems.MESSAGE)))
                    .scanIndexForward(false)
                    .limit(MessageWindow.CAPACITY)
                    .consistentRead(true))
            .items();
    List<Message> messages = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      messages.add(MessageItems.message(group, item));
    }
    if (!messages.isEmpty()) {
      // A message whose eviction failed may linger below a hole; it is out of the window.
      long latest = messages.get(0).seq().value();
      messages.removeIf(m -> m.seq().value() <= latest - MessageWindow.CAPACITY);
    }
    return new MessageWindow(messages);
  }

  /**
   * One UpdateItem: {@code SET state REMOVE body}, conditional on the message existing and still
   * having its body — so only the first redaction succeeds, and a message already evicted is left
   * alone.
   */
  @Override
  public boolean redact(GroupId group, Seq seq, MessageState to) {
    try {
      table.update(
          REDACT,
          UpdateItemRequest.builder()
              .key(MessageItems.messageKey(group, seq.value()))
              .updateExpression("SET #state = :state REMOVE #body")
              .conditionExpression("attribute_exists(#pk) AND attribute_exists(#body)")
              .expressionAttributeNames(
                  Map.of(
                      "#state", MessageItems.STATE,
                      "#body", MessageItems.BODY,
                      "#pk", TableDefinition.PK))
              .expressionAttributeValues(Map.of(":state", Attributes.of(to.code()))));
      return true;
    } catch (ConditionalCheckFailedException alreadyOrGone) {
      return false;
    }
  }

  /**
   * One UpdateItem: {@code ADD} the key to the message's string set of report keys (a set: a repeat
   * adds nothing), conditional on the message existing; the new set's size is the count.
   */
  @Override
  public int report(GroupId group, Seq seq, ReportKey reporter) {
    try {
      Map<String, AttributeValue> updated =
          table
              .update(
                  REPORT,
                  UpdateItemRequest.builder()
                      .key(MessageItems.messageKey(group, seq.value()))
                      .updateExpression("ADD #reports :key")
                      .conditionExpression("attribute_exists(#pk)")
                      .expressionAttributeNames(
                          Map.of("#reports", MessageItems.REPORTS, "#pk", TableDefinition.PK))
                      .expressionAttributeValues(
                          Map.of(":key", AttributeValue.fromSs(List.of(reporter.value()))))
                      .returnValues(ReturnValue.UPDATED_NEW))
              .attributes();
      AttributeValue reports = updated.get(MessageItems.REPORTS);
      return reports == null ? 0 : reports.ss().size();
    } catch (ConditionalCheckFailedException evicted) {
      return 0;
    }
  }

  /** Queries the group's log partition for keys only and deletes them, 25 per request. */
  @Override
  public void deleteAll(GroupId group) {
    List<Map<String, AttributeValue>> keys =
        table.queryAll(
            DELETE_ALL,
            QueryRequest.builder()
                .keyConditionExpression("#pk = :pk")
                .projectionExpression("#pk, #sk")
                .expressionAttributeNames(
                    Map.of("#pk", TableDefinition.PK, "#sk", TableDefinition.SK))
                .expressionAttributeValues(
                    Map.of(":pk", Attributes.of(MessageItems.partition(group))))
                .consistentRead(true));
    table.batchDelete(DELETE_ALL, keys);
  }
}
