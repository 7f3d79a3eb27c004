package dev.hoochat.application.service;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes that must reach every process in the order they happened — a post with its pushes, a
 * membership change with its cache put — each run while holding the group's {@link GroupLocks}
 * lease, one at a time per group across every process that shares the store.
 */
final class GroupTurns {
  private static final Logger log = LoggerFactory.getLogger(GroupTurns.class);

  private final GroupLocks locks;

  GroupTurns(GroupLocks locks) {
    this.locks = locks;
  }

  /**
   * Runs {@code work} holding the group's lease. An unavailable store, or the group held elsewhere
   * past the locks' patience, refuses before {@code work} ran: nothing is written.
   */
  <T> T inTurn(GroupId group, Supplier<T> work) {
    GroupLocks.Lease lease = locks.acquire(group);
    try {
      return work.get();
    } finally {
      release(lease);
    }
  }

  /**
   * The work is done by now (or failed on its own account), so a release that fails must not turn
   * the answer into a 503: the lease lapses by itself, and the group's next turn waits for that.
   */
  private void release(GroupLocks.Lease lease) {
    try {
      locks.release(lease);
    } catch (StoreUnavailableException e) {
      log.warn(
          "event=group_lock_not_released group={} reason=store_unavailable"
              + " effect=\"the group's next change waits for the lease to expire\"",
          lease.group());
    }
  }
}
