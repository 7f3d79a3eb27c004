package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cache when there is none: every read misses and every write is dropped. */
public enum NoCache implements CacheStore {
  INSTANCE;

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.empty();
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    return Map.of();
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {}

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return false;
  }

  @Override
  public void delete(String key) {}

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {}

  @Override
  public List<byte[]> readList(String key) {
    return List.of();
  }
}
