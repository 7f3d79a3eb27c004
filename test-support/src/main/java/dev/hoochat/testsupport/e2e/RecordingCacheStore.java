package dev.hoochat.testsupport.e2e;

import dev.hoochat.application.port.out.CacheStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Passes every call to a real cache and keeps a copy of every value written, so that a test can
 * check what the cache was ever given — whatever the server behind it.
 */
public final class RecordingCacheStore implements CacheStore {
  private final CacheStore cache;
  private final List<String> written = new CopyOnWriteArrayList<>();
  private final Set<String> valueKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> listKeys = ConcurrentHashMap.newKeySet();

  public RecordingCacheStore(CacheStore cache) {
    this.cache = cache;
  }

  /** Each value ever written, as ISO-8859-1 text, keyed by {@code key=}. */
  public List<String> written() {
    return new ArrayList<>(written);
  }

  /**
   * What the cache holds now under every key ever written, as ISO-8859-1 text keyed by {@code
   * key=}: unlike {@link #written()}, a value deleted or overwritten since is not in it.
   */
  public List<String> held() {
    List<String> held = new ArrayList<>();
    for (String key : valueKeys) {
      cache
          .get(key)
          .ifPresent(v -> held.add(key + "=" + new String(v, StandardCharsets.ISO_8859_1)));
    }
    for (String key : listKeys) {
      cache
          .readList(key)
          .forEach(v -> held.add(key + "=" + new String(v, StandardCharsets.ISO_8859_1)));
    }
    return held;
  }

  private void record(String key, byte[] value) {
    written.add(key + "=" + new String(value, StandardCharsets.ISO_8859_1));
  }

  @Override
  public Optional<byte[]> get(String key) {
    return cache.get(key);
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    return cache.getMany(keys);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    valueKeys.add(key);
    record(key, value);
    cache.put(key, value, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    valueKeys.add(key);
    record(key, value);
    return cache.putIfAbsent(key, value, ttl);
  }

  @Override
  public void delete(String key) {
    cache.delete(key);
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    listKeys.add(key);
    values.forEach(v -> record(key, v));
    cache.appendToList(key, values, maxSize, ttl);
  }

  @Override
  public List<byte[]> readList(String key) {
    return cache.readList(key);
  }
}
