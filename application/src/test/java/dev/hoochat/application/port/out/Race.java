package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Test helper for the store contracts: starts one task per thread, releases them all at once so
 * that they really contend, and collects what each one answered or threw.
 */
final class Race {
  private static final long DEADLINE_SECONDS = 60;

  private Race() {}

  /** What one racer ended with: a value, or the exception it threw. */
  record Outcome<T>(T value, RuntimeException failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  static <T> List<Outcome<T>> run(int racers, IntFunction<T> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch ready = new CountDownLatch(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Outcome<T>>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        int racer = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  try {
                    return new Outcome<T>(task.apply(racer), null);
                  } catch (RuntimeException e) {
                    return new Outcome<T>(null, e);
                  }
                }));
      }
      assertThat(ready.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS))
          .as("every racer finished within %d s", DEADLINE_SECONDS)
          .isTrue();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } catch (ExecutionException e) {
      throw new AssertionError("a racer failed outside its task", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
