package dev.hoochat.application.port.out;

import java.time.Duration;

/**
 * Outbound port: runs a task later — so that the core can do something at a time no request asks
 * for (the trailing presence push). Two kinds of runtime provide it:
 *
 * <ul>
 *   <li>a long-running process (the standalone server) runs the task on a thread of its own, and
 *       the caller returns at once ({@link #waitsInCaller()} false);
 *   <li>a runtime where nothing runs between requests (Lambda: an execution environment is frozen
 *       once its invocation answers) can only wait out the delay in the caller's own request and
 *       then run the task there ({@link #waitsInCaller()} true); the core uses that only where the
 *       wait holds up nobody.
 * </ul>
 */
public interface Scheduler {

  /** Runs {@code task} once, {@code delay} from now (or at once, if it is not positive). */
  void schedule(Duration delay, Runnable task);

  /** Whether {@link #schedule} waits in the caller's thread and runs the task there. */
  boolean waitsInCaller();

  /**
   * What a runtime gets if it names no scheduler: the caller's thread waits ({@link Thread#sleep})
   * and then runs the task — the only way on Lambda, where nothing runs between invocations.
   */
  static Scheduler waitingInCaller() {
    return new Scheduler() {
      @Override
      public void schedule(Duration delay, Runnable task) {
        if (!delay.isNegative() && !delay.isZero()) {
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        task.run();
      }

      @Override
      public boolean waitsInCaller() {
        return true;
      }
    };
  }
}
