package dev.hoochat.adapters.system;

import dev.hoochat.application.port.out.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound adapter: one daemon thread that runs the core's scheduled tasks (the trailing presence
 * push) — for a long-running process, the standalone server. {@link #close} stops it: tasks not yet
 * due are dropped (presence is best effort, and clients read the count when they reconnect).
 */
public final class ThreadSchedulerAdapter implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ThreadSchedulerAdapter.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "hoochat-scheduler");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public void schedule(Duration delay, Runnable task) {
    try {
      executor.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("event=scheduled_task_failed reason=\"{}\"", e.getMessage());
            }
          },
          Math.max(0, delay.toMillis()),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // shutting down: nothing more is run
    }
  }

  @Override
  public boolean waitsInCaller() {
    return false;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
