package dev.hoochat.application.cache;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The value decoded from the bytes last read under each cache key, so that bytes read again
 * unchanged are not decoded again: a post reads its group and its members' 50 connection sets from
 * the cache and, in the steady state, gets the very bytes it got for the previous post.
 *
 * <p>Nothing here can be stale. A decoded value is answered only for bytes equal, byte for byte, to
 * those it was decoded from — bytes the cache has just returned — so every read still goes to the
 * cache, and what the cache holds decides, under the same invalidation argument as without this
 * class ({@link CachedGroupStore}). The values must be immutable, as the domain's are: they are
 * shared by every reader of the same bytes.
 *
 * <p>Memory: at most {@code capacity} entries (each keeps its own copy of the bytes); when that is
 * reached, all are dropped and filled again from the next reads.
 */
final class DecodedValues<T> {
  private final Function<byte[], T> decoder;
  private final int capacity;
  private final Map<String, Decoded<T>> entries = new ConcurrentHashMap<>();

  /**
   * @param decoder decodes bytes read from the cache; what it throws is passed on, and nothing is
   *     kept for those bytes
   */
  DecodedValues(Function<byte[], T> decoder, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.decoder = decoder;
    this.capacity = capacity;
  }

  /** The value of {@code bytes}, just read under {@code key}. */
  T decode(String key, byte[] bytes) {
    Decoded<T> last = entries.get(key);
    if (last != null && Arrays.equals(last.bytes(), bytes)) {
      return last.value();
    }
    T value = decoder.apply(bytes);
    if (last == null && entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, new Decoded<>(bytes.clone(), value));
    return value;
  }

  /** How many keys have a decoded value now. */
  int size() {
    return entries.size();
  }

  private record Decoded<T>(byte[] bytes, T value) {}
}
