package dev.hoochat.application.cache;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Orders the cache writes of one key in this process after the store writes they reflect.
 *
 * <p>A change runs "store write, then cache put" as one step under the key's lock, so two changes
 * cannot put their values in the opposite order of their store writes. A fill reads the store
 * outside the lock, remembering the key's generation first; it then stores its value only if no
 * change of the key ran meanwhile. So a fill can never put back a value older than what a finished
 * change left.
 *
 * <p>Locks and generations are striped: two keys that share a stripe merely skip a fill more often.
 * This orders one process only; see {@link CachedGroupStore} for what remains across processes.
 */
final class KeyOrdering {
  private static final int STRIPES = 1024;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

  KeyOrdering() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Runs a change of the key (store write, then cache write) as one step. */
  <T> T change(String key, Supplier<T> storeThenCache) {
    int stripe = stripe(key);
    locks[stripe].lock();
    try {
      generations.incrementAndGet(stripe);
      return storeThenCache.get();
    } finally {
      locks[stripe].unlock();
    }
  }

  void change(String key, Runnable storeThenCache) {
    change(
        key,
        () -> {
          storeThenCache.run();
          return null;
        });
  }

  /** Taken before a fill reads the store. */
  long generation(String key) {
    return generations.get(stripe(key));
  }

  /** Runs the fill only if no change of the key ran since {@code seen} was taken. */
  void fillIfUnchanged(String key, long seen, Runnable fill) {
    int stripe = stripe(key);
    locks[stripe].lock();
    try {
      if (generations.get(stripe) == seen) {
        fill.run();
      }
    } finally {
      locks[stripe].unlock();
    }
  }

  private static int stripe(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }
}
