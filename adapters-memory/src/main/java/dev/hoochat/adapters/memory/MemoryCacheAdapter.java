package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound adapter: the cache port in this process. Bounded by entry count (the least recently used
 * entry goes first) and honouring TTLs by the injected clock. One lock guards the map: a cache call
 * here costs well under a microsecond, far less than contention would.
 */
public final class MemoryCacheAdapter implements CacheStore {
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final int maxEntries;
  private final LinkedHashMap<String, Entry> entries;

  public MemoryCacheAdapter(Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("the cache holds at least one entry");
    }
    this.clock = clock;
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MemoryCacheAdapter.this.maxEntries;
          }
        };
  }

  @Override
  public synchronized Optional<byte[]> get(String key) {
    return live(key).map(e -> e.value().clone());
  }

  @Override
  public synchronized Map<String, byte[]> getMany(Collection<String> keys) {
    Map<String, byte[]> found = new HashMap<>();
    for (String key : keys) {
      live(key).ifPresent(e -> found.put(key, e.value().clone()));
    }
    return found;
  }

  @Override
  public synchronized void put(String key, byte[] value, Duration ttl) {
    entries.put(key, new Entry(value.clone(), null, expiry(ttl)));
  }

  @Override
  public synchronized boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    if (live(key).isPresent()) {
      return false;
    }
    entries.put(key, new Entry(value.clone(), null, expiry(ttl)));
    return true;
  }

  @Override
  public synchronized void delete(String key) {
    entries.remove(key);
  }

  @Override
  public synchronized void appendToList(
      String key, List<byte[]> values, int maxSize, Duration ttl) {
    List<byte[]> list = new ArrayList<>(live(key).map(Entry::list).orElse(List.of()));
    for (byte[] value : values) {
      list.add(value.clone());
    }
    if (list.size() > maxSize) {
      list = new ArrayList<>(list.subList(list.size() - maxSize, list.size()));
    }
    entries.put(key, new Entry(null, List.copyOf(list), expiry(ttl)));
  }

  @Override
  public synchronized List<byte[]> readList(String key) {
    return live(key)
        .map(Entry::list)
        .map(list -> list.stream().map(byte[]::clone).toList())
        .orElse(List.of());
  }

  private Optional<Entry> live(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.now().isBefore(entry.expiresAt())) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private Instant expiry(Duration ttl) {
    return clock.now().plus(ttl);
  }

  /** A value or a list (never both), with its expiry. */
  private record Entry(byte[] value, List<byte[]> list, Instant expiresAt) {
    @Override
    public List<byte[]> list() {
      return list == null ? List.of() : list;
    }
  }
}
