package dev.hoochat.adapters.dynamodb;

import dev.hoochat.domain.group.GroupId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns on each group among the threads of this process, taken before the lease in the table so
 * that a process queues its own posts to a group instead of racing itself for the lease item. One
 * fair gate per group that someone holds or waits for, dropped when the last of them leaves, so
 * different groups never wait for each other.
 */
final class LocalTurns {
  private final ConcurrentMap<GroupId, Gate> gates = new ConcurrentHashMap<>();

  /** Waits for the group's turn until {@code deadline} ({@link System#nanoTime()}). */
  boolean enter(GroupId group, String owner, long deadline) {
    Gate gate =
        gates.compute(group, (g, existing) -> (existing == null ? new Gate() : existing).join());
    boolean entered = false;
    try {
      entered = gate.turn.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!entered) {
        forgetIfUnused(group);
      }
    }
    if (entered) {
      gate.holder.set(owner);
    }
    return entered;
  }

  boolean heldBy(GroupId group, String owner) {
    Gate gate = gates.get(group);
    return gate != null && owner.equals(gate.holder.get());
  }

  /** Gives the turn up if {@code owner} has it; a second call does nothing. */
  void leave(GroupId group, String owner) {
    Gate gate = gates.get(group);
    if (gate != null && gate.holder.compareAndSet(owner, null)) {
      gate.turn.release();
      forgetIfUnused(group);
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
