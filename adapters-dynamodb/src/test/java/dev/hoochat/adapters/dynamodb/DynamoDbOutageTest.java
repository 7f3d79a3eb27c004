package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A DynamoDB that goes away and comes back, played by stopping and restarting dynalite. */
class DynamoDbOutageTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");

  private DynaliteLauncher dynalite;
  private DynamoDbStores stores;

  @BeforeEach
  void startOwnServer() {
    dynalite = DynaliteLauncher.startOwn();
    DynamoDbSettings settings = DynamoDbSettings.local(dynalite.endpoint(), "hoochat-outage");
    DynaliteTable.create(settings);
    stores = DynamoDbStores.connect(settings, new RecordedCalls());
  }

  @AfterEach
  void stopIt() {
    stores.close();
    dynalite.close();
  }

  @Test
  void everyStoreCallFailsAsUnavailableWhileTheStoreIsDownAndWorksAgainAfterwards() {
    User alice = user();
    stores.users().create(alice);
    Group group = group(alice);
    stores.groups().create(group);
    SenderTag tag = new SenderTag("tag-" + UUID.randomUUID());
    stores.messages().append(message(group.id(), tag, "before"));
    GroupLocks locks = stores.groupLocks(() -> NOW);
    GroupLocks.Lease heldOverTheOutage = locks.acquire(new GroupId("g-" + UUID.randomUUID()));

    dynalite.stop();

    List<ThrowingCallable> calls =
        List.of(
            () -> stores.users().create(user()),
            () -> stores.users().findById(alice.id()),
            () -> stores.users().findByHandle(alice.handle()),
            () -> stores.groups().create(group(alice)),
            () -> stores.groups().findById(group.id()),
            () -> stores.groups().findByMember(alice.id()),
            () -> locks.acquire(group.id()),
            () -> locks.release(heldOverTheOutage),
            () -> stores.messages().append(message(group.id(), tag, "during")),
            () -> stores.messages().window(group.id()),
            () -> stores.connections().register(connection(), alice.id(), NOW),
            () -> stores.connections().unregister(connection()),
            () -> stores.connections().connectionsOf(List.of(alice.id())));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class);
    }

    dynalite.restart();

    assertThat(stores.users().findByHandle(alice.handle())).contains(alice);
    assertThat(stores.groups().findById(group.id())).contains(group);
    locks.release(locks.acquire(group.id()));
    assertThat(stores.messages().append(message(group.id(), tag, "after")).message().seq().value())
        .isEqualTo(2);
    assertThat(stores.messages().window(group.id()).messages())
        .extracting(m -> m.body().orElseThrow().text())
        .containsExactly("before", "after");
  }

  @Test
  void aStoreThatIsDownAtStartIsReportedInOneCall() {
    dynalite.stop();

    assertThatThrownBy(() -> stores.requireTable())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("DynamoDB does not answer");
  }

  @Test
  void aMissingTableIsReportedAtStartWithTheCommandThatCreatesIt() {
    DynamoDbSettings elsewhere = DynamoDbSettings.local(dynalite.endpoint(), "no-such-table");
    try (DynamoDbStores missing = DynamoDbStores.connect(elsewhere, new RecordedCalls())) {
      assertThatThrownBy(missing::requireTable)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("create-table");
      assertThatThrownBy(() -> missing.users().findById(new UserId("u-1")))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void theTableIsCreatedOnceAndRecognisedAfterwards() {
    try (var client = DynamoDbStores.client(settings())) {
      assertThat(stores.table().createIfMissing(client, Duration.ofSeconds(10))).isFalse();
      assertThat(stores.table().exists(client)).isTrue();
    }
    stores.requireTable();
  }

  private DynamoDbSettings settings() {
    return DynamoDbSettings.local(dynalite.endpoint(), "hoochat-outage");
  }

  private static User user() {
    String unique = UUID.randomUUID().toString().replace("-", "");
    return new User(
        new UserId("u-" + unique), new Handle("h" + unique.substring(0, 20)), "hash", NOW);
  }

  private static Group group(User owner) {
    return Group.found(
        new GroupId("g-" + UUID.randomUUID()),
        new GroupName("Circle"),
        new Member(owner.id(), owner.handle(), NOW),
        List.of(),
        Group.DEFAULT_MEMBER_LIMIT,
        NOW);
  }

  private static NewMessage message(GroupId group, SenderTag tag, String text) {
    return new NewMessage(
        group,
        new MessageId("m-" + UUID.randomUUID()),
        new MessageBody(text),
        NOW,
        tag,
        Optional.empty());
  }

  private static ConnectionId connection() {
    return new ConnectionId(UUID.randomUUID().toString().substring(0, 14) + "=");
  }
}
