package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cache that may fail safe to lean on: the cache is never a source of truth.
 *
 * <ul>
 *   <li>A failed read is a miss; a failed fill is skipped. The request goes on from the store.
 *   <li>A failed <em>write-through</em> (put, delete, append) may leave an old value behind, which
 *       for membership would be a security hole. The key is marked dirty: it is not read from the
 *       cache again until a delete of it has succeeded, which is tried on every later use of the
 *       key.
 *   <li>After {@value #FAILURES_TO_OPEN} failures in a row the cache is skipped for {@link
 *       #coolOff} (writes mark their keys dirty), so that a hanging cache costs each request
 *       nothing rather than a timeout; then calls probe it again.
 *   <li>Failures are logged once per outage, with a count when it ends.
 * </ul>
 *
 * Dirty keys live in this process. Another process (another Lambda environment) that reads a key
 * whose write-through failed here may see the old value until its TTL ends.
 */
public final class ResilientCache implements CacheStore {
  private static final Logger log = LoggerFactory.getLogger(ResilientCache.class);
  static final int FAILURES_TO_OPEN = 3;
  private static final int MAX_DIRTY_KEYS = 100_000;

  private final CacheStore cache;
  private final Clock clock;
  private final Duration coolOff;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private final AtomicLong failuresThisOutage = new AtomicLong();
  private volatile Instant openUntil = Instant.MIN;
  private volatile boolean outage;

  public ResilientCache(CacheStore cache, Clock clock, Duration coolOff) {
    this.cache = cache;
    this.clock = clock;
    this.coolOff = coolOff;
  }

  @Override
  public Optional<byte[]> get(String key) {
    if (!usable() || !clean(key)) {
      return Optional.empty();
    }
    try {
      Optional<byte[]> value = cache.get(key);
      succeeded();
      return value;
    } catch (CacheException e) {
      failed(e);
      return Optional.empty();
    }
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    if (keys.isEmpty() || !usable()) {
      return Map.of();
    }
    List<String> readable = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (clean(key)) {
        readable.add(key);
      }
    }
    if (readable.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, byte[]> values = cache.getMany(readable);
      succeeded();
      return values;
    } catch (CacheException e) {
      failed(e);
      return new HashMap<>();
    }
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    write(key, () -> cache.put(key, value, ttl));
  }

  /** A fill: skipped (answering false) whenever the cache or the key is in doubt. */
  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    if (!usable() || !clean(key)) {
      return false;
    }
    try {
      boolean stored = cache.putIfAbsent(key, value, ttl);
      succeeded();
      return stored;
    } catch (CacheException e) {
      failed(e);
      return false;
    }
  }

  @Override
  public void delete(String key) {
    write(key, () -> cache.delete(key));
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    write(key, () -> cache.appendToList(key, values, maxSize, ttl));
  }

  @Override
  public List<byte[]> readList(String key) {
    if (!usable() || !clean(key)) {
      return List.of();
    }
    try {
      List<byte[]> values = cache.readList(key);
      succeeded();
      return values;
    } catch (CacheException e) {
      failed(e);
      return List.of();
    }
  }

  /** How many keys wait for a successful delete before the cache may serve them again. */
  public int dirtyKeys() {
    return dirty.size();
  }

  private void write(String key, Runnable operation) {
    if (!usable() || !clean(key)) {
      markDirty(key);
      return;
    }
    try {
      operation.run();
      succeeded();
    } catch (CacheException e) {
      failed(e);
      markDirty(key);
    }
  }

  /** True when the key may be used: it was never dirty, or a delete of it just succeeded. */
  private boolean clean(String key) {
    if (dirty.isEmpty() || !dirty.contains(key)) {
      return true;
    }
    try {
      cache.delete(key);
      succeeded();
      dirty.remove(key);
      return true;
    } catch (CacheException e) {
      failed(e);
      return false;
    }
  }

  private void markDirty(String key) {
    if (dirty.size() >= MAX_DIRTY_KEYS) {
      log.error(
          "event=cache_dirty_overflow keys={} action=\"entries may be stale until their TTL\"",
          dirty.size());
      return;
    }
    dirty.add(key);
  }

  private boolean usable() {
    return !clock.now().isBefore(openUntil);
  }

  private void succeeded() {
    failuresInARow.set(0);
    if (outage) {
      outage = false;
      log.info(
          "event=cache_recovered failed_calls={} dirty_keys={}",
          failuresThisOutage.getAndSet(0),
          dirty.size());
    }
  }

  private void failed(CacheException e) {
    failuresThisOutage.incrementAndGet();
    if (!outage) {
      outage = true;
      log.warn("event=cache_unavailable action=serving_from_store reason=\"{}\"", e.getMessage());
    }
    if (failuresInARow.incrementAndGet() >= FAILURES_TO_OPEN) {
      openUntil = clock.now().plus(coolOff);
    }
  }
}
