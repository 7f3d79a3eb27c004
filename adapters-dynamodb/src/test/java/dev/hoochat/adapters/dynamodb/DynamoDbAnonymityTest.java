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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                    i == 0 ? Optional.of(new ClientMessageId("c-" + i)) : Optional.empty()));
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
