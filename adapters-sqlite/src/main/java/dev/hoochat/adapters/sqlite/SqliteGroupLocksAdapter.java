package dev.hoochat.adapters.sqlite;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Outbound adapter: each group's posting lock, in this process. That is enough here because a
 * SQLite data directory is held by one process at a time ({@link DataDirectory} locks it): every
 * post to this database is made by a thread of this process. Nothing is written to the database — a
 * lock row would cost a second write transaction per post and would outlive a crash.
 *
 * <p>The same design as the in-memory adapter's locks (adapters do not share code): one fair gate
 * per group that someone holds or waits for, dropped when the last leaves; a lease never expires,
 * since its holder releases in {@code finally} and a process that dies takes its locks along; a
 * waiter gives up after the patience with the store's refusal, and the post answers 503.
 */
public final class SqliteGroupLocksAdapter implements GroupLocks {
  /** A post and its pushes take milliseconds; this many seconds of queueing means trouble. */
  public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(6);

  private final ConcurrentMap<GroupId, Gate> gates;
  private final AtomicLong leases;
  private final Duration patience;

  SqliteGroupLocksAdapter() {
    this(new ConcurrentHashMap<>(), new AtomicLong(), DEFAULT_PATIENCE);
  }

  private SqliteGroupLocksAdapter(
      ConcurrentMap<GroupId, Gate> gates, AtomicLong leases, Duration patience) {
    if (patience.isNegative()) {
      throw new IllegalArgumentException("patience must not be negative");
    }
    this.gates = gates;
    this.leases = leases;
    this.patience = patience;
  }

  /** The same locks, for a caller that waits at most {@code patience} for a group. */
  public SqliteGroupLocksAdapter withPatience(Duration patience) {
    return new SqliteGroupLocksAdapter(gates, leases, patience);
  }

  @Override
  public Lease acquire(GroupId group) {
    Gate gate =
        gates.compute(group, (g, existing) -> (existing == null ? new Gate() : existing).join());
    boolean entered = false;
    try {
      entered = gate.turn.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!entered) {
        forgetIfUnused(group);
      }
    }
    if (!entered) {
      throw new StoreUnavailableException(
          "group " + group.value() + " stayed busy for " + patience.toMillis() + " ms", null);
    }
    Lease lease = new Lease(group, Long.toString(leases.incrementAndGet()));
    gate.holder.set(lease.owner());
    return lease;
  }

  @Override
  public void release(Lease lease) {
    Gate gate = gates.get(lease.group());
    if (gate != null && gate.holder.compareAndSet(lease.owner(), null)) {
      gate.turn.release();
      forgetIfUnused(lease.group());
    }
  }

  private void forgetIfUnused(GroupId group) {
    gates.computeIfPresent(group, (g, gate) -> gate.lastOneLeft() ? null : gate);
  }

  /** One group's turn, and how many threads hold or wait for it (changed inside the map only). */
  private static final class Gate {
    final Semaphore turn = new Semaphore(1, true);
    final AtomicReference<String> holder = new AtomicReference<>();
    private int users;

    Gate join() {
      users++;
      return this;
    }

    boolean lastOneLeft() {
      return --users == 0;
    }
  }
}
