package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.GroupStoreContract;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The GroupStore contract, unchanged, on dynalite. */
class DynamoDbGroupStoreAdapterTest extends GroupStoreContract {
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Override
  protected GroupStore groups() {
    return stores.groups();
  }

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.123Z");

  @Test
  void aNewcomerOfAnUpdateThatLostTheRaceDoesNotSeeTheGroupThoughTheIndexListsThem() {
    Member owner = member();
    Member rejected = member();
    Group v1 =
        Group.found(
            new GroupId("g-" + UUID.randomUUID()),
            new GroupName("Circle"),
            owner,
            List.of(),
            Group.DEFAULT_MEMBER_LIMIT,
            NOW);
    stores.groups().create(v1);
    Group winner = v1.add(member(), owner.userId());
    stores.groups().update(winner);
    // A writer that read v1 before the winner wrote: its newcomer's membership item is written,
    // then its group write is refused.
    stores.groups().admit(v1.id(), rejected.userId(), 2);

    assertThatThrownBy(() -> stores.groups().update(v1.add(rejected, owner.userId())))
        .isInstanceOf(StaleGroupException.class);

    assertThat(membershipItemExists(v1.id(), rejected.userId())).isTrue();
    assertThat(stores.groups().findByMember(rejected.userId())).isEmpty();
    assertThat(stores.groups().findByMember(owner.userId())).containsExactly(winner);
  }

  @Test
  void aMemberReAddedWhileALateRemovalCleansUpKeepsTheGroupInTheirList() {
    Member owner = member();
    Member returning = member();
    Group v1 =
        Group.found(
            new GroupId("g-" + UUID.randomUUID()),
            new GroupName("Circle"),
            owner,
            List.of(returning),
            Group.DEFAULT_MEMBER_LIMIT,
            NOW);
    stores.groups().create(v1);
    Group v2 = ((Group.Removal.Remaining) v1.remove(returning.userId(), owner.userId())).group();
    stores.groups().update(v2);
    Group v3 = v2.add(returning, owner.userId());
    stores.groups().update(v3);

    // The removal at v2 cleaning up late, after the re-admission at v3 wrote its item.
    stores.groups().release(v1.id(), returning.userId(), 2);

    assertThat(membershipItemExists(v1.id(), returning.userId())).isTrue();
    assertThat(stores.groups().findByMember(returning.userId())).containsExactly(v3);
  }

  private static boolean membershipItemExists(GroupId group, UserId user) {
    return stores
        .client()
        .getItem(
            GetItemRequest.builder()
                .tableName(DynaliteTable.NAME)
                .key(GroupItems.membershipKey(group, user))
                .consistentRead(true)
                .build())
        .hasItem();
  }

  private static Member member() {
    String unique = UUID.randomUUID().toString().replace("-", "");
    return new Member(new UserId("u-" + unique), new Handle("h" + unique.substring(0, 20)), NOW);
  }
}
