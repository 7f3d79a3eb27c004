package dev.hoochat.application.port.out;

import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound port: a small, generic, byte-level cache. Redis, Momento and the in-process cache
 * implement only this; what is cached, under which key, for how long and how it is encoded is the
 * application's policy ({@code dev.hoochat.application.cache}).
 *
 * <p>Every method may throw {@link CacheException}; callers treat that as a miss. Each call is one
 * round trip, however many keys it carries.
 */
public interface CacheStore {

  Optional<byte[]> get(String key);

  /** The keys that are present, with their values; absent keys are left out. */
  Map<String, byte[]> getMany(Collection<String> keys);

  void put(String key, byte[] value, Duration ttl);

  /** Stores the value only if the key is absent; answers whether it did. */
  boolean putIfAbsent(String key, byte[] value, Duration ttl);

  void delete(String key);

  /**
   * Appends values to the list at {@code key} (creating it), keeps only its newest {@code maxSize}
   * entries and sets its time to live, in one round trip.
   */
  void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl);

  /** The list at {@code key}, oldest first; empty when the key is absent. */
  List<byte[]> readList(String key);
}
