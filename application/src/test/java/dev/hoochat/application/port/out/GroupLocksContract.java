package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.GroupLocks.Lease;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupLocks} must do, whatever keeps the locks. The in-process locks and every
 * adapter that keeps them in a store extend this class unchanged; adapters whose leases expire also
 * pass {@link ExpiringGroupLocksContract}. Each test makes up its own group ids, so the store may
 * be shared between tests.
 *
 * <p>A "process" is what one runtime builds: its own adapter instance, sharing only the store with
 * the others. Nothing here measures time; a lock that waits when it should not shows as a refusal
 * after a short patience, and one that lets two holders in shows as an overlap.
 */
public abstract class GroupLocksContract {

  /** Long enough for the slowest store to hand a group round a dozen contenders. */
  protected static final Duration PATIENT = Duration.ofSeconds(30);

  /** Short: a group that is held stays held for much longer than this in these tests. */
  protected static final Duration IMPATIENT = Duration.ofMillis(200);

  /**
   * The locks of one more process, sharing the store with every process this test made before, that
   * waits at most {@code patience} for a group. An in-process adapter, whose store only the threads
   * of one process can share, answers another view of the same locks.
   */
  protected abstract GroupLocks process(Duration patience);

  protected static GroupId newGroupId() {
    return new GroupId("g-" + UUID.randomUUID());
  }

  @Test
  void oneGroupIsHeldByOneHolderAtATimeAcrossProcessesAndEveryoneGetsATurn() throws Exception {
    GroupId group = newGroupId();
    List<GroupLocks> processes = List.of(process(PATIENT), process(PATIENT), process(PATIENT));
    int threadsPerProcess = 4;
    int turns = 6;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();

    List<Race.Outcome<Integer>> outcomes =
        Race.run(
            processes.size() * threadsPerProcess,
            racer -> {
              GroupLocks locks = processes.get(racer % processes.size());
              for (int turn = 0; turn < turns; turn++) {
                Lease lease = locks.acquire(group);
                try {
                  if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                  }
                  pause();
                  done.incrementAndGet();
                  inside.decrementAndGet();
                } finally {
                  locks.release(lease);
                }
              }
              return turns;
            });

    assertThat(outcomes).allMatch(Race.Outcome::succeeded, "every holder got every turn");
    assertThat(overlaps.get()).as("turns that overlapped another holder's").isZero();
    assertThat(done.get()).isEqualTo(processes.size() * threadsPerProcess * turns);
  }

  @Test
  void differentGroupsAreHeldAtTheSameTimeInOneProcessAndAcrossProcesses() {
    GroupLocks one = process(IMPATIENT);
    GroupLocks other = process(IMPATIENT);
    GroupId first = newGroupId();
    GroupId second = newGroupId();
    GroupId third = newGroupId();

    Lease held = one.acquire(first);
    Lease alongside = one.acquire(second);
    Lease elsewhere = other.acquire(third);

    assertThat(List.of(held.group(), alongside.group(), elsewhere.group()))
        .containsExactly(first, second, third);
    one.release(held);
    one.release(alongside);
    other.release(elsewhere);
  }

  @Test
  void aGroupHeldElsewhereIsUnavailableOnceThePatienceRunsOutAndFreeAfterTheRelease() {
    GroupLocks holder = process(PATIENT);
    GroupLocks waiter = process(IMPATIENT);
    GroupId group = newGroupId();
    Lease held = holder.acquire(group);

    assertThatThrownBy(() -> waiter.acquire(group)).isInstanceOf(StoreUnavailableException.class);

    holder.release(held);
    Lease next = waiter.acquire(group);
    assertThat(next.group()).isEqualTo(group);
    waiter.release(next);
  }

  @Test
  void aLeaseReleasedTwiceLeavesTheNextHolderHoldingTheGroup() {
    GroupLocks first = process(PATIENT);
    GroupLocks second = process(PATIENT);
    GroupLocks third = process(IMPATIENT);
    GroupId group = newGroupId();
    Lease stale = first.acquire(group);
    first.release(stale);
    Lease current = second.acquire(group);

    first.release(stale);

    assertThatThrownBy(() -> third.acquire(group)).isInstanceOf(StoreUnavailableException.class);
    second.release(current);
    third.release(third.acquire(group));
  }

  /** A moment inside the critical section, so that an overlap has time to show. */
  protected static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
