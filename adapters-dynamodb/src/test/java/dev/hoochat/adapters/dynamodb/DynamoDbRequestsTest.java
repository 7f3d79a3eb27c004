package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.hoochat.adapters.dynamodb.RecordedCalls.Consumed;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each store operation costs on the wire: the DynamoDB requests it sends (what the bill and
 * the latency are made of) and the capacity units the server says it consumed, reported through
 * {@code PortMetrics}.
 */
class DynamoDbRequestsTest {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbRequestsTest.class);
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  private static Map<String, Integer> requestsOf(Runnable operation) {
    calls.reset();
    operation.run();
    Map<String, Integer> requests = calls.requestsByOperation();
    log.info(
        "event=store_cost port_ops={} requests={} read_units={} write_units={}",
        calls.consumed().stream().map(c -> c.port() + "." + c.op()).distinct().toList(),
        requests,
        calls.consumed().stream().mapToDouble(Consumed::readUnits).sum(),
        calls.consumed().stream().mapToDouble(Consumed::writeUnits).sum());
    return requests;
  }

  @Test
  void signUpIsTwoPutsAndSignInOneConsistentRead() {
    User alice = user();

    assertThat(requestsOf(() -> stores.users().create(alice))).containsExactly(entry("PutItem", 2));
    assertThat(requestsOf(() -> stores.users().findByHandle(alice.handle())))
        .containsExactly(entry("GetItem", 1));
    assertThat(requestsOf(() -> stores.users().findById(alice.id())))
        .containsExactly(entry("GetItem", 1));
  }

  @Test
  void aPostIsTwoWritesUntilTheWindowIsFullAndThreeAfterwards() {
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    SenderTag tag = tag();

    assertThat(requestsOf(() -> stores.messages().append(message(group, tag, Optional.empty()))))
        .containsExactly(entry("PutItem", 1), entry("UpdateItem", 1));
    for (int i = 0; i < 99; i++) {
      stores.messages().append(message(group, tag, Optional.empty()));
    }
    assertThat(requestsOf(() -> stores.messages().append(message(group, tag, Optional.empty()))))
        .containsExactly(entry("DeleteItem", 1), entry("PutItem", 1), entry("UpdateItem", 1));
    assertThat(requestsOf(() -> stores.messages().window(group)))
        .containsExactly(entry("Query", 1));
  }

  @Test
  void aPostWithARetryKeyAddsOneReadAndTheRecordAndARetryIsTwoReads() {
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    SenderTag tag = tag();
    Optional<RetryKey> clientId = Optional.of(new RetryKey("c-1"));

    assertThat(requestsOf(() -> stores.messages().append(message(group, tag, clientId))))
        .containsExactly(entry("GetItem", 1), entry("PutItem", 2), entry("UpdateItem", 1));
    assertThat(requestsOf(() -> stores.messages().append(message(group, tag, clientId))))
        .containsExactly(entry("GetItem", 2));
  }

  @Test
  void groupChangesWriteTheGroupAndOnlyTheMembershipsThatChange() {
    Member owner = member();
    Member newcomer = member();
    Group v1 = group(owner, member(), member());

    assertThat(requestsOf(() -> stores.groups().create(v1)))
        .containsExactly(entry("BatchWriteItem", 1), entry("PutItem", 1));
    Group v2 = v1.add(newcomer, owner.userId());
    assertThat(requestsOf(() -> stores.groups().update(v2)))
        .containsExactly(entry("GetItem", 1), entry("PutItem", 2));
    Group v3 = ((Group.Removal.Remaining) v2.remove(newcomer.userId(), owner.userId())).group();
    assertThat(requestsOf(() -> stores.groups().update(v3)))
        .containsExactly(entry("DeleteItem", 1), entry("GetItem", 1), entry("PutItem", 1));
    assertThat(requestsOf(() -> stores.groups().findById(v1.id())))
        .containsExactly(entry("GetItem", 1));
    stores.groups().create(group(owner));
    assertThat(
            requestsOf(() -> assertThat(stores.groups().findByMember(owner.userId())).hasSize(2)))
        .containsExactly(entry("BatchGetItem", 1), entry("Query", 1));
    assertThat(requestsOf(() -> stores.groups().delete(v3)))
        .containsExactly(entry("BatchWriteItem", 1), entry("DeleteItem", 1));
  }

  @Test
  void theConnectionsOfAHundredUsersAreOneRequest() {
    List<UserId> users = IntStream.range(0, 100).mapToObj(i -> member().userId()).toList();
    for (UserId user : users.subList(0, 50)) {
      stores.connections().register(connection(), user, NOW);
    }

    assertThat(requestsOf(() -> assertThat(stores.connections().connectionsOf(users)).hasSize(50)))
        .containsExactly(entry("BatchGetItem", 1));
  }

  @Test
  void openingAConnectionIsTwoWritesAndClosingOneReadAndTwoWrites() {
    ConnectionId phone = connection();
    UserId alice = member().userId();

    assertThat(requestsOf(() -> stores.connections().register(phone, alice, NOW)))
        .containsExactly(entry("PutItem", 1), entry("UpdateItem", 1));
    assertThat(requestsOf(() -> stores.connections().unregister(phone)))
        .containsExactly(entry("DeleteItem", 1), entry("GetItem", 1), entry("UpdateItem", 1));
  }

  @Test
  void holdingAGroupIsOneConditionalPutAndReleasingItOneConditionalDelete() {
    DynamoDbGroupLocksAdapter locks = stores.groupLocks(() -> NOW);
    GroupId group = new GroupId("g-" + UUID.randomUUID());
    GroupLocks.Lease[] lease = new GroupLocks.Lease[1];

    assertThat(requestsOf(() -> lease[0] = locks.acquire(group)))
        .containsExactly(entry("PutItem", 1));
    assertThat(requestsOf(() -> locks.release(lease[0]))).containsExactly(entry("DeleteItem", 1));
    assertThat(calls.consumed())
        .singleElement()
        .matches(c -> c.port().equals("locks") && c.op().equals("release") && c.writeUnits() >= 1);
  }

  @Test
  void everyRequestReportsTheCapacityItConsumedUnderItsPortAndOperation() {
    User alice = user();
    calls.reset();

    stores.users().create(alice);
    stores.users().findByHandle(alice.handle());
    stores
        .messages()
        .append(message(new GroupId("g-" + UUID.randomUUID()), tag(), Optional.empty()));

    List<Consumed> consumed = calls.consumed();
    assertThat(consumed).hasSize(calls.requests());
    assertThat(consumed)
        .filteredOn(c -> c.port().equals("users") && c.op().equals("create"))
        .hasSize(2)
        .allMatch(c -> c.writeUnits() >= 1 && c.readUnits() == 0);
    assertThat(consumed)
        .filteredOn(c -> c.port().equals("users") && c.op().equals("findByHandle"))
        .singleElement()
        .matches(c -> c.readUnits() > 0 && c.writeUnits() == 0);
    assertThat(consumed)
        .filteredOn(c -> c.port().equals("messages") && c.op().equals("append"))
        .hasSize(2)
        .allMatch(c -> c.writeUnits() >= 1);
  }

  private static User user() {
    Member m = member();
    return new User(m.userId(), m.handle(), "hash", NOW);
  }

  private static Member member() {
    String unique = UUID.randomUUID().toString().replace("-", "");
    return new Member(new UserId("u-" + unique), new Handle("h" + unique.substring(0, 20)), NOW);
  }

  private static Group group(Member owner, Member... others) {
    return Group.found(
        new GroupId("g-" + UUID.randomUUID()),
        new GroupName("Circle"),
        owner,
        new ArrayList<>(List.of(others)),
        Group.DEFAULT_MEMBER_LIMIT,
        NOW);
  }

  private static SenderTag tag() {
    return new SenderTag("tag-" + UUID.randomUUID());
  }

  private static NewMessage message(GroupId group, SenderTag tag, Optional<RetryKey> clientId) {
    return new NewMessage(
        group, new MessageId("m-" + UUID.randomUUID()), new MessageBody("hi"), NOW, tag, clientId);
  }

  private static ConnectionId connection() {
    return new ConnectionId(UUID.randomUUID().toString().substring(0, 14) + "=");
  }
}
