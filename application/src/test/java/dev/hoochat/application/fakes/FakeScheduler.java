package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test fake: a scheduler on a {@link FakeClock}. As a thread of its own (the standalone server) it
 * queues tasks, and runs those due when the test moves the clock with {@link #advance}; as the
 * caller's wait (Lambda) it moves the clock by the delay itself and runs the task at once. No test
 * sleeps.
 */
public final class FakeScheduler implements Scheduler {
  private final FakeClock clock;
  private final boolean waitsInCaller;
  private final List<Due> queue = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private long sequence;

  private record Due(Instant at, long order, Runnable task) {}

  private FakeScheduler(FakeClock clock, boolean waitsInCaller) {
    this.clock = clock;
    this.waitsInCaller = waitsInCaller;
  }

  /** Runs tasks on "another thread", when the clock reaches them. */
  public static FakeScheduler onItsOwnThread(FakeClock clock) {
    return new FakeScheduler(clock, false);
  }

  /** Waits in the caller (moving the clock), then runs the task there. */
  public static FakeScheduler waitingInCaller(FakeClock clock) {
    return new FakeScheduler(clock, true);
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    if (waitsInCaller) {
      synchronized (this) {
        waits.add(delay);
      }
      if (!delay.isNegative() && !delay.isZero()) {
        clock.advance(delay);
      }
      task.run();
      return;
    }
    synchronized (this) {
      queue.add(new Due(clock.now().plus(delay), sequence++, task));
    }
  }

  @Override
  public boolean waitsInCaller() {
    return waitsInCaller;
  }

  /** Moves the clock and runs, in time order, every task due by then. */
  public void advance(Duration by) {
    clock.advance(by);
    runDue();
  }

  /** Runs, in time order, every task due at the clock's time. */
  public void runDue() {
    while (true) {
      Due next;
      synchronized (this) {
        next =
            queue.stream()
                .filter(d -> !d.at().isAfter(clock.now()))
                .min(Comparator.comparing(Due::at).thenComparingLong(Due::order))
                .orElse(null);
        if (next == null) {
          return;
        }
        queue.remove(next);
      }
      next.task().run();
    }
  }

  /** Tasks scheduled and not yet run. */
  public synchronized int pending() {
    return queue.size();
  }

  /** How long each caller waited (waiting in the caller only). */
  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }
}
