package dev.hoochat.localservers.momento;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Momento test server's memory: named caches of scalar items and lists, each with an expiry on
 * a clock that only moves when a test advances it. Every change to one key is atomic ({@link
 * ConcurrentHashMap#compute}); expired items are treated as absent and dropped when touched.
 */
final class MomentoCaches {
  /** Momento's largest TTL; the service refuses longer ones, so this server does too. */
  static final Duration MAX_TTL = Duration.ofHours(24);

  private final Map<String, Map<ByteString, Item>> caches = new ConcurrentHashMap<>();
  private final AtomicLong nowMillis = new AtomicLong();

  /** One stored item: a scalar value or a list, never both. */
  private record Item(ByteString value, List<ByteString> list, long expiresAtMillis) {
    boolean isList() {
      return list != null;
    }
  }

  void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time does not run backwards: " + duration);
    }
    nowMillis.addAndGet(duration.toMillis());
  }

  /** Answers false when the cache was there already. */
  boolean createCache(String name) {
    return caches.putIfAbsent(name, new ConcurrentHashMap<>()) == null;
  }

  Set<String> cacheNames() {
    return Set.copyOf(caches.keySet());
  }

  Optional<ByteString> get(String cache, ByteString key) {
    Item item = live(cache, key);
    if (item == null) {
      return Optional.empty();
    }
    if (item.isList()) {
      throw wrongType(key);
    }
    return Optional.of(item.value());
  }

  void set(String cache, ByteString key, ByteString value, long ttlMillis) {
    long expiry = expiry(ttlMillis);
    items(cache).put(key, new Item(value, null, expiry));
  }

  boolean setIfNotExists(String cache, ByteString key, ByteString value, long ttlMillis) {
    long expiry = expiry(ttlMillis);
    boolean[] stored = {false};
    items(cache)
        .compute(
            key,
            (k, old) -> {
              if (old != null && !expired(old)) {
                return old;
              }
              stored[0] = true;
              return new Item(value, null, expiry);
            });
    return stored[0];
  }

  void delete(String cache, ByteString key) {
    items(cache).remove(key);
  }

  /** Appends, truncates the front to {@code truncateFrontToSize} (0 = no limit); the new length. */
  int listConcatenateBack(
      String cache,
      ByteString listName,
      List<ByteString> values,
      long ttlMillis,
      boolean refreshTtl,
      int truncateFrontToSize) {
    long expiry = expiry(ttlMillis);
    Item updated =
        items(cache)
            .compute(
                listName,
                (k, old) -> {
                  boolean fresh = old == null || expired(old);
                  if (!fresh && !old.isList()) {
                    throw wrongType(listName);
                  }
                  List<ByteString> list = new ArrayList<>(fresh ? List.of() : old.list());
                  list.addAll(values);
                  if (truncateFrontToSize > 0 && list.size() > truncateFrontToSize) {
                    list =
                        new ArrayList<>(
                            list.subList(list.size() - truncateFrontToSize, list.size()));
                  }
                  long expiresAt = fresh || refreshTtl ? expiry : old.expiresAtMillis();
                  return new Item(null, List.copyOf(list), expiresAt);
                });
    return updated.list().size();
  }

  /** The list, or empty when absent; a list that exists is never empty. */
  Optional<List<ByteString>> listFetch(String cache, ByteString listName) {
    Item item = live(cache, listName);
    if (item == null) {
      return Optional.empty();
    }
    if (!item.isList()) {
      throw wrongType(listName);
    }
    return Optional.of(item.list());
  }

  /** The live scalar items of a cache, keys read as UTF-8, sorted for readable failures. */
  Map<String, byte[]> values(String cache) {
    Map<String, byte[]> out = new TreeMap<>();
    existing(cache)
        .forEach(
            (k, item) -> {
              if (!expired(item) && !item.isList()) {
                out.put(k.toStringUtf8(), item.value().toByteArray());
              }
            });
    return out;
  }

  /** The live lists of a cache, keys read as UTF-8. */
  Map<String, List<byte[]>> lists(String cache) {
    Map<String, List<byte[]>> out = new TreeMap<>();
    existing(cache)
        .forEach(
            (k, item) -> {
              if (!expired(item) && item.isList()) {
                out.put(
                    k.toStringUtf8(), item.list().stream().map(ByteString::toByteArray).toList());
              }
            });
    return out;
  }

  /** For the test's own look inside: a missing cache is the test's mistake, not a gRPC status. */
  private Map<ByteString, Item> existing(String cache) {
    Map<ByteString, Item> items = caches.get(cache);
    if (items == null) {
      throw new IllegalArgumentException("no cache named " + cache + "; there are " + cacheNames());
    }
    return items;
  }

  private Map<ByteString, Item> items(String cache) {
    Map<ByteString, Item> items = caches.get(cache);
    if (items == null) {
      throw Status.NOT_FOUND.withDescription("Cache not found: " + cache).asRuntimeException();
    }
    return items;
  }

  private Item live(String cache, ByteString key) {
    Map<ByteString, Item> items = items(cache);
    Item item = items.get(key);
    if (item != null && expired(item)) {
      items.remove(key, item);
      return null;
    }
    return item;
  }

  private boolean expired(Item item) {
    return nowMillis.get() >= item.expiresAtMillis();
  }

  private long expiry(long ttlMillis) {
    if (ttlMillis <= 0 || ttlMillis > MAX_TTL.toMillis()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("ttl must be between 1 ms and 24 h, was " + ttlMillis + " ms")
          .asRuntimeException();
    }
    return nowMillis.get() + ttlMillis;
  }

  private static StatusRuntimeException wrongType(ByteString key) {
    return Status.FAILED_PRECONDITION
        .withDescription("item of another type at key " + key.toStringUtf8())
        .asRuntimeException();
  }
}
