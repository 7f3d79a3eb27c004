package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.MessageLog.Appended;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.application.port.out.MessageLogContract;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The MessageLog contract, unchanged, on dynalite. */
class DynamoDbMessageLogAdapterTest extends MessageLogContract {
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Override
  protected MessageLog log() {
    return stores.messages();
  }

  private static final Instant SENT = Instant.parse("2026-11-27T12:00:00.123Z");

  /**
   * The SDK retries a put whose answer was lost (a timeout on a loaded machine); the first put had
   * landed, so the retry fails its condition on this post's own message. The post is new all the
   * same: answered as created, so the core pushes it, and stored once.
   */
  @Test
  void aPutWhoseAnswerWasLostAndThatTheSdkRetriedStillCountsAsANewPost() {
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    SenderTag sender = new SenderTag("tag-" + UUID.randomUUID());
    NewMessage draft =
        new NewMessage(
            group,
            new MessageId("m-" + UUID.randomUUID()),
            new MessageBody("landed once"),
            SENT,
            sender,
            Optional.empty());
    // The first put of seq 1 landed; its answer never came back.
    stores
        .client()
        .putItem(
            PutItemRequest.builder()
                .tableName(DynaliteTable.NAME)
                .item(
                    MessageItems.message(
                        new Message(
                            draft.id(),
                            group,
                            new Seq(1),
                            draft.body(),
                            SENT,
                            sender,
                            Optional.empty())))
                .build());

    Appended appended = stores.messages().append(draft);

    assertThat(appended.created()).isTrue();
    assertThat(appended.message().id()).isEqualTo(draft.id());
    assertThat(appended.message().seq().value()).isEqualTo(1);
    assertThat(stores.messages().window(group).messages()).containsExactly(appended.message());
  }

  @Test
  void aRetryAfterACrashBetweenReservingASeqAndStoringTheMessageStoresItOnceAtThatSeq() {
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    SenderTag sender = new SenderTag("tag-" + UUID.randomUUID());
    RetryKey clientId = new RetryKey("c-crash");
    MessageId firstId = new MessageId("m-first-attempt");
    // The first attempt moved the counter and wrote its record, then the process died.
    stores
        .client()
        .updateItem(
            UpdateItemRequest.builder()
                .tableName(DynaliteTable.NAME)
                .key(MessageItems.counterKey(group))
                .updateExpression("ADD #last :one")
                .expressionAttributeNames(Map.of("#last", MessageItems.LAST))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .build());
    Map<String, AttributeValue> key = MessageItems.idempotencyKey(group, clientId);
    stores
        .client()
        .putItem(
            PutItemRequest.builder()
                .tableName(DynaliteTable.NAME)
                .item(MessageItems.idempotency(key, firstId, SENT, 1, SENT.plusSeconds(60)))
                .build());

    Appended retried = stores.messages().append(draft(group, sender, clientId));
    Appended again = stores.messages().append(draft(group, sender, clientId));

    assertThat(retried.created()).isTrue();
    assertThat(retried.message().id()).isEqualTo(firstId);
    assertThat(retried.message().seq().value()).isEqualTo(1);
    assertThat(retried.message().sentAt()).isEqualTo(SENT);
    assertThat(again.created()).isFalse();
    assertThat(again.message()).isEqualTo(retried.message());
    assertThat(stores.messages().window(group).messages()).containsExactly(retried.message());
  }

  @Test
  void aRetryWhoseFirstMessageLeftTheWindowIsAnsweredAndNotStoredAgain() {
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    SenderTag sender = new SenderTag("tag-" + UUID.randomUUID());
    RetryKey clientId = new RetryKey("c-old");
    Appended first = stores.messages().append(draft(group, sender, clientId));
    for (int i = 0; i < 100; i++) {
      stores.messages().append(draft(group, sender, null));
    }

    Appended late = stores.messages().append(draft(group, sender, clientId));

    assertThat(late.created()).isFalse();
    assertThat(late.message().id()).isEqualTo(first.message().id());
    assertThat(late.message().seq()).isEqualTo(first.message().seq());
    assertThat(stores.messages().window(group).latestSeq()).isEqualTo(101);
  }

  private static NewMessage draft(GroupId group, SenderTag sender, RetryKey clientId) {
    return new NewMessage(
        group,
        new MessageId("m-" + UUID.randomUUID()),
        new MessageBody("once"),
        SENT.plusSeconds(5),
        sender,
        Optional.ofNullable(clientId));
  }
}
