package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cache, able to read a request's first few keys in one round trip. A request that knows what
 * it is about to read — a REST call about a group reads its token's principal and then that group —
 * opens a {@link Scope} with those keys: one {@link CacheStore#getMany} reads them all, and the
 * first {@link #get} of each on the same thread, until the scope closes, is answered from that read
 * (a key the read did not find answers empty, as a miss). Everything else passes through.
 *
 * <p>Why this changes nothing a reader could notice: each key is read exactly as the request would
 * have read it, only a little earlier, while the request is already under way — so the answer is
 * one the request could have got anyway. Every invalidation of a key (a change's put, a
 * revocation's or an unsend's delete) reaches the same key in the same cache, so a value it removed
 * before the read is not read. Each prefetched answer serves one {@code get} only, and this
 * thread's own write of a key drops its prefetched answer, so a request that changes a group and
 * reads it again reads its own change. Keys the resilient cache holds in doubt (dirty) are not read
 * ahead, so they miss as they would one by one. A miss leaves the store read and its guarded fill
 * where they were.
 *
 * <p>Scopes are per thread and closed by the code that opened them; nested scopes read nothing more
 * and leave the outer one in charge.
 */
public final class ReadAhead implements CacheStore {
  /** A scope whose keys were read ahead; closing it drops what was not used. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static final Scope NOTHING = () -> {};

  private final CacheStore cache;
  private final ThreadLocal<Map<String, Optional<byte[]>>> ahead = new ThreadLocal<>();

  public ReadAhead(CacheStore cache) {
    this.cache = cache;
  }

  /** Reads {@code keys} in one round trip, for this thread's next {@code get} of each. */
  public Scope open(Collection<String> keys) {
    if (keys.isEmpty() || ahead.get() != null) {
      return NOTHING;
    }
    Map<String, byte[]> found = cache.getMany(keys);
    Map<String, Optional<byte[]>> answers = new HashMap<>();
    for (String key : keys) {
      answers.put(key, Optional.ofNullable(found.get(key)));
    }
    ahead.set(answers);
    return ahead::remove;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Map<String, Optional<byte[]>> answers = ahead.get();
    if (answers != null) {
      Optional<byte[]> answer = answers.remove(key);
      if (answer != null) {
        return answer;
      }
    }
    return cache.get(key);
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    Map<String, Optional<byte[]>> answers = ahead.get();
    if (answers == null || answers.isEmpty()) {
      return cache.getMany(keys);
    }
    Map<String, byte[]> values = new HashMap<>();
    List<String> rest = new ArrayList<>(keys.size());
    for (String key : keys) {
      Optional<byte[]> answer = answers.remove(key);
      if (answer == null) {
        rest.add(key);
      } else {
        answer.ifPresent(v -> values.put(key, v));
      }
    }
    if (!rest.isEmpty()) {
      values.putAll(cache.getMany(rest));
    }
    return values;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    forget(key);
    cache.put(key, value, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    forget(key);
    return cache.putIfAbsent(key, value, ttl);
  }

  @Override
  public void delete(String key) {
    forget(key);
    cache.delete(key);
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    forget(key);
    cache.appendToList(key, values, maxSize, ttl);
  }

  @Override
  public List<byte[]> readList(String key) {
    return cache.readList(key);
  }

  private void forget(String key) {
    Map<String, Optional<byte[]>> answers = ahead.get();
    if (answers != null) {
      answers.remove(key);
    }
  }
}
