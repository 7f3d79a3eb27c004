package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Outbound adapter: each group's posting lock in this process — enough wherever one process is the
 * only one posting to its store (the standalone server, the in-memory store). Several processes
 * sharing a store need locks in that store.
 *
 * <p>One fair gate per group that someone holds or waits for, dropped when the last of them leaves,
 * so memory follows the posts in flight, not the number of groups, and different groups never wait
 * for each other. A lease never expires: its holder is a thread of this process that releases in
 * {@code finally}, and a process that dies takes its locks along. A waiter gives up after the
 * patience, with the store's own refusal: the post answers 503 and writes nothing.
 */
public final class MemoryGroupLocksAdapter implements GroupLocks {
  /** A post and its pushes take milliseconds; this many seconds of queueing means trouble. */
  public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(6);

  private final ConcurrentMap<GroupId, Gate> gates;
  private final AtomicLong leases;
  private final Duration patience;

  public MemoryGroupLocksAdapter() {
    this(new ConcurrentHashMap<>(), new AtomicLong(), DEFAULT_PATIENCE);
  }

  private MemoryGroupLocksAdapter(
      ConcurrentMap<GroupId, Gate> gates, AtomicLong leases, Duration patience) {
    if (patience.isNegative()) {
      throw new IllegalArgumentException("patience must not be negative");
    }
    this.gates = gates;
    this.leases = leases;
    this.patience = patience;
  }

  /** The same locks, for a caller that waits at most {@code patience} for a group. */
  public MemoryGroupLocksAdapter withPatience(Duration patience) {
    return new MemoryGroupLocksAdapter(gates, leases, patience);
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

    /** One fewer; answers whether nobody holds or waits any more. */
    boolean lastOneLeft() {
      return --users == 0;
    }
  }
}
