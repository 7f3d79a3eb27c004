package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Someone with a dump of the table, but not the sender key, cannot tell who wrote what. */
class DynamoDbAnonymityTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");
  private static final DynamoDbStores stores = DynaliteTable.stores(new RecordedCalls());

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Test
  void noMessageItemInTheTableHoldsTheSendersIdOrHandle() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SenderKey key = new SenderKey(secret);
    List<User> people = List.of(user(), user(), user());
    for (User person : people) {
      stores.users().create(person);
    }
    List<Member> members = people.stream().map(p -> new Member(p.id(), p.handle(), NOW)).toList();
    Group group =
        Group.found(
            new GroupId("g-" + UUID.randomUUID()),
            new GroupName("Secret circle"),
            members.get(0),
            members.subList(1, 3),
            Group.DEFAULT_MEMBER_LIMIT,
            NOW);
    stores.groups().create(group);
    for (User person : people) {
      for (int i = 0; i < 3; i++) {
        stores
            .messages()
            .append(
                new NewMessage(
                    group.id(),
                    new MessageId("m-" + UUID.randomUUID()),
                    new MessageBody("hello from someone " + i),
                    NOW,
                    key.tag(group.id(), person.id()),
                    i < 2
                        ? Optional.of(
                            key.retryKey(group.id(), person.id(), new ClientMessageId("c-" + i)))
                        : Optional.empty()));
      }
    }

    List<Map<String, AttributeValue>> logItems = new ArrayList<>();
    for (Map<String, AttributeValue> item : scanEverything()) {
      if (item.get(TableDefinition.PK).s().equals("LOG#" + group.id().value())) {
        logItems.add(item);
      }
    }

    assertThat(logItems).filteredOn(i -> i.get("type").s().equals("message")).hasSize(9);
    for (Map<String, AttributeValue> item : logItems) {
      String dump = item.toString();
      for (User person : people) {
        assertThat(dump)
            .as("item %s", item.get(TableDefinition.SK).s())
            .doesNotContain(person.id().value())
            .doesNotContain(person.handle().value());
      }
    }
    // Without the key, nothing stored groups one sender's messages: every value that is not a
    // message's own public fields (id, seq, body, time) belongs to one message only (its item, and
    // its idempotency record if it has one).
    Set<String> public_ = Set.of(TableDefinition.PK, "type", "id", "seq", "body", "sentAt");
    Map<String, Set<String>> messagesByValue = new HashMap<>();
    for (Map<String, AttributeValue> item : logItems) {
      String sk = item.get(TableDefinition.SK).s();
      if (sk.equals("SEQ")) {
        continue;
      }
      boolean record = sk.startsWith("IDEM#");
      String message = item.get(record ? "messageId" : "id").s();
      item.forEach(
          (name, value) -> {
            boolean keyPart = name.equals(TableDefinition.SK) && record;
            boolean other = !name.equals(TableDefinition.SK) && !public_.contains(name);
            if ((keyPart || other) && value.s() != null && !name.equals("messageId")) {
              String text = keyPart ? value.s().substring("IDEM#".length()) : value.s();
              messagesByValue.computeIfAbsent(text, v -> new HashSet<>()).add(message);
            }
          });
    }
    assertThat(messagesByValue)
        .as("values that could name a sender")
        .hasSizeGreaterThanOrEqualTo(15);
    messagesByValue.forEach(
        (value, messages) -> assertThat(messages).as("messages sharing a stored value").hasSize(1));
    List<String> values = new ArrayList<>(messagesByValue.keySet());
    for (String value : values) {
      for (String other : values) {
        if (other != value) {
          assertThat(other).doesNotContain(value.substring(0, 12));
        }
      }
    }
  }

  private static List<Map<String, AttributeValue>> scanEverything() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanResponse page =
          stores
              .client()
              .scan(
                  ScanRequest.builder()
                      .tableName(stores.table().tableName())
                      .exclusiveStartKey(start)
                      .build());
      items.addAll(page.items());
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return items;
  }

  private static User user() {
    String unique = UUID.randomUUID().toString().replace("-", "");
    return new User(
        new UserId("u-" + unique), new Handle("h" + unique.substring(0, 20)), "hash", NOW);
  }
}
