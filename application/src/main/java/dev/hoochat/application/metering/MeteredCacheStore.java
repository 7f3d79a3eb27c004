package dev.hoochat.application.metering;

import static dev.hoochat.application.port.PortOperation.Kind.READ;
import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.PortMetrics.Layer;
import dev.hoochat.application.port.out.PortMetrics.Outcome;
import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Counts every cache round trip: reads as hit or miss (a batch is a hit only when every key was
 * there), writes as ok, failures as error; and the bytes sent and received, for cost models metered
 * by volume.
 */
public final class MeteredCacheStore implements CacheStore {
  private static final String PORT = "cache";

  private final CacheStore cache;
  private final PortMetrics metrics;

  public MeteredCacheStore(CacheStore cache, PortMetrics metrics) {
    this.cache = cache;
    this.metrics = metrics;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Optional<byte[]> value = call("get", READ, () -> cache.get(key), v -> v.isPresent());
    metrics.transferred(Layer.CACHE, PORT, key.length(), value.map(v -> v.length).orElse(0));
    return value;
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    Map<String, byte[]> values =
        call("getMany", READ, () -> cache.getMany(keys), v -> v.size() == keys.size());
    long out = keys.stream().mapToLong(String::length).sum();
    long in = values.values().stream().mapToLong(v -> v.length).sum();
    metrics.transferred(Layer.CACHE, PORT, out, in);
    return values;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    call(
        "put",
        WRITE,
        () -> {
          cache.put(key, value, ttl);
          return true;
        },
        null);
    metrics.transferred(Layer.CACHE, PORT, key.length() + value.length, 0);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    boolean stored = call("putIfAbsent", WRITE, () -> cache.putIfAbsent(key, value, ttl), null);
    metrics.transferred(Layer.CACHE, PORT, key.length() + value.length, 0);
    return stored;
  }

  @Override
  public void delete(String key) {
    call(
        "delete",
        WRITE,
        () -> {
          cache.delete(key);
          return true;
        },
        null);
    metrics.transferred(Layer.CACHE, PORT, key.length(), 0);
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    call(
        "appendToList",
        WRITE,
        () -> {
          cache.appendToList(key, values, maxSize, ttl);
          return true;
        },
        null);
    metrics.transferred(
        Layer.CACHE, PORT, key.length() + values.stream().mapToLong(v -> v.length).sum(), 0);
  }

  @Override
  public List<byte[]> readList(String key) {
    List<byte[]> values = call("readList", READ, () -> cache.readList(key), v -> !v.isEmpty());
    metrics.transferred(
        Layer.CACHE, PORT, key.length(), values.stream().mapToLong(v -> v.length).sum());
    return values;
  }

  /** {@code hit} says whether a read found what it asked for; writes pass null. */
  private <T> T call(
      String op, PortOperation.Kind kind, Supplier<T> operation, Function<T, Boolean> hit) {
    T result;
    try {
      result = operation.get();
    } catch (CacheException e) {
      metrics.count(Layer.CACHE, PORT, op, kind, Outcome.ERROR);
      throw e;
    }
    Outcome outcome = hit == null ? Outcome.OK : hit.apply(result) ? Outcome.HIT : Outcome.MISS;
    metrics.count(Layer.CACHE, PORT, op, kind, outcome);
    return result;
  }
}
