package dev.hoochat.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop posting schedule the load tools share: post {@code i} is due at {@code start + (i -
 * from) · interval}, goes to group {@code i mod groups}, and is sent at that time whatever happened
 * to the posts before it, so latency counted from the scheduled time shows a stalled server's
 * queue. Each group's posts are sent by one thread, in order: a system that delivers them out of
 * order is the system's doing, not the driver's.
 */
final class OpenLoop {
  private OpenLoop() {}

  /** Sends one post, the {@code index}-th of the run, due at {@code scheduledNanos}. */
  interface Send {
    void send(long index, int group, long scheduledNanos) throws Exception;
  }

  static void run(
      int senders, int groups, long from, long count, long start, long interval, Send send)
      throws InterruptedException {
    long end = from + count;
    int threads = Math.max(1, Math.min(senders, groups));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int mine = t;
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (long i = from; i < end; i++) {
                    int g = (int) (i % groups);
                    if (g % threads != mine) {
                      continue;
                    }
                    long at = start + (i - from) * interval;
                    long wait;
                    while ((wait = at - System.nanoTime()) > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    send.send(i, g, at);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "load-sender-" + t);
      running.add(sender);
      sender.start();
    }
    for (Thread t : running) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("sending a post failed: " + failure.get(), failure.get());
    }
  }
}
