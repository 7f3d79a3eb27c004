package dev.hoochat.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ExpiringGroupLocksContract;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupLocks.Lease;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The GroupLocks contract, leases included, on dynalite. Each "process" is its own adapter over the
 * one table, as each Lambda execution environment builds its own.
 */
class DynamoDbGroupLocksAdapterTest extends ExpiringGroupLocksContract {
  private static final RecordedCalls calls = new RecordedCalls();
  private static final DynamoDbStores stores = DynaliteTable.stores(calls);

  @AfterAll
  static void closeClient() {
    stores.close();
  }

  @Override
  protected Duration lease() {
    return DynamoDbGroupLocksAdapter.DEFAULT_LEASE;
  }

  @Override
  protected GroupLocks process(Duration patience, Clock clock) {
    return new DynamoDbGroupLocksAdapter(
        stores.client(), DynaliteTable.NAME, calls, clock, lease(), patience);
  }

  @Test
  void aProcessThatWaitedGetsTheNextTurnBeforeOneThatAsksRightAfterTheRelease() throws Exception {
    GroupId group = newGroupId();
    GroupLocks holder = process(PATIENT);
    Lease held = holder.acquire(group);
    GroupLocks waiter = process(PATIENT);
    CompletableFuture<Lease> waited = CompletableFuture.supplyAsync(() -> waiter.acquire(group));
    await().atMost(Duration.ofSeconds(30)).until(() -> lockItem(group).containsKey("next"));

    holder.release(held);

    assertThatThrownBy(() -> process(IMPATIENT).acquire(group))
        .as("a newcomer waits behind the process that claimed the next turn")
        .isInstanceOf(StoreUnavailableException.class);
    Lease next = waited.get(30, TimeUnit.SECONDS);
    assertThat(next.group()).isEqualTo(group);
    waiter.release(next);
    assertThat(lockItem(group)).as("nothing left behind").isEmpty();
  }

  private static Map<String, AttributeValue> lockItem(GroupId group) {
    return stores
        .client()
        .getItem(
            GetItemRequest.builder()
                .tableName(DynaliteTable.NAME)
                .key(LockItems.key(group))
                .consistentRead(true)
                .build())
        .item();
  }
}
