package dev.hoochat.testsupport.e2e;

import dev.hoochat.application.port.out.CacheStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Passes every call to a real cache and keeps a copy of every value written, so that a test can
 * check what the cache was ever given — whatever the server behind it.
 */
public final class RecordingCacheStore implements CacheStore {
  private final CacheStore cache;
  private final List<String> written = new CopyOnWriteArrayList<>();

  public RecordingCacheStore(CacheStore cache) {
    this.cache = cache;
  }

  /** Each value ever written, as ISO-8859-1 text, keyed by {@code key=}. */
  public List<String> written() {
    return new ArrayList<>(written);
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
    record(key, value);
    cache.put(key, value, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    record(key, value);
    return cache.putIfAbsent(key, value, ttl);
  }

  @Override
  public void delete(String key) {
    cache.delete(key);
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    values.forEach(v -> record(key, v));
    cache.appendToList(key, values, maxSize, ttl);
  }

  @Override
  public List<byte[]> readList(String key) {
    return cache.readList(key);
  }
}
