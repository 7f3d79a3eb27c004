package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.GroupLocks.Lease;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link GroupLocks} kept in a store that many processes share must do besides {@link
 * GroupLocksContract}: a lease expires, so that a holder that died without releasing does not hold
 * its group for ever, and a holder that comes back late cannot release its successor's lease.
 *
 * <p>A process that "comes later" is one whose clock runs ahead of the wall clock: to it, the
 * leases taken now are as old as the offset says, without the test waiting for them to age.
 */
public abstract class ExpiringGroupLocksContract extends GroupLocksContract {

  /** How long a lease taken by {@link #process(Duration, Clock)} lasts. */
  protected abstract Duration lease();

  /**
   * Like {@link #process(Duration)}, for a process whose clock is {@code clock}: it dates the
   * leases it takes and judges whether others' have expired by it.
   */
  protected abstract GroupLocks process(Duration patience, Clock clock);

  @Override
  protected final GroupLocks process(Duration patience) {
    return process(patience, later(Duration.ZERO));
  }

  /** The wall clock plus {@code offset}, to the millisecond as the stores keep it. */
  protected static Clock later(Duration offset) {
    return () -> Instant.now().plus(offset).truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void aLeaseItsHolderNeverReleasedIsTakenOverOnceItExpiredAndNotBefore() {
    GroupId group = newGroupId();
    process(PATIENT).acquire(group); // and then the holder's process died

    assertThatThrownBy(() -> process(IMPATIENT).acquire(group))
        .as("taken over right away")
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> process(IMPATIENT, later(lease().dividedBy(2))).acquire(group))
        .as("taken over half way through the lease")
        .isInstanceOf(StoreUnavailableException.class);

    GroupLocks successor = process(IMPATIENT, later(lease().plusSeconds(1)));
    Lease taken = successor.acquire(group);
    assertThat(taken.group()).isEqualTo(group);
    successor.release(taken);
  }

  @Test
  void releasingALeaseThatWasTakenOverLeavesTheSuccessorsLeaseInPlace() {
    GroupId group = newGroupId();
    GroupLocks late = process(PATIENT);
    Lease expired = late.acquire(group);
    Clock afterExpiry = later(lease().plusSeconds(1));
    GroupLocks successor = process(IMPATIENT, afterExpiry);
    Lease current = successor.acquire(group);

    late.release(expired);

    assertThatThrownBy(() -> process(IMPATIENT, afterExpiry).acquire(group))
        .as("the successor's lease survived the late release")
        .isInstanceOf(StoreUnavailableException.class);
    successor.release(current);
    GroupLocks next = process(IMPATIENT, afterExpiry);
    next.release(next.acquire(group));
  }
}
