package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fake: a cache port in a map, which a test can make fail call by call ({@link #failing}) and
 * whose round trips it can count. TTLs are kept, not enforced: no test here waits for expiry.
 */
public final class FakeCache implements CacheStore {
  /** The port's operations, to say which ones fail. */
  public enum Op {
    GET,
    GET_MANY,
    PUT,
    PUT_IF_ABSENT,
    DELETE,
    APPEND_TO_LIST,
    READ_LIST
  }

  private final Map<String, byte[]> values = new HashMap<>();
  private final Map<String, List<byte[]>> lists = new HashMap<>();
  private final Set<Op> failing = ConcurrentHashMap.newKeySet();
  private final Map<Op, AtomicInteger> calls = new ConcurrentHashMap<>();

  public FakeCache failing(Op... ops) {
    failing.clear();
    failing.addAll(List.of(ops));
    return this;
  }

  public FakeCache failingEverything() {
    failing.addAll(EnumSet.allOf(Op.class));
    return this;
  }

  public FakeCache healthy() {
    failing.clear();
    return this;
  }

  public int calls(Op op) {
    return calls.computeIfAbsent(op, o -> new AtomicInteger()).get();
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void forgetCalls() {
    calls.clear();
  }

  public synchronized boolean holds(String key) {
    return values.containsKey(key) || lists.containsKey(key);
  }

  public synchronized Set<String> keys() {
    Set<String> keys = new java.util.TreeSet<>(values.keySet());
    keys.addAll(lists.keySet());
    return keys;
  }

  /** The raw value, read without counting or failing, for assertions. */
  public synchronized Optional<byte[]> peek(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public synchronized List<byte[]> peekList(String key) {
    return List.copyOf(lists.getOrDefault(key, List.of()));
  }

  private void call(Op op) {
    calls.computeIfAbsent(op, o -> new AtomicInteger()).incrementAndGet();
    if (failing.contains(op)) {
      throw new CacheException("fake cache failure on " + op, null);
    }
  }

  @Override
  public synchronized Optional<byte[]> get(String key) {
    call(Op.GET);
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public synchronized Map<String, byte[]> getMany(Collection<String> keys) {
    call(Op.GET_MANY);
    Map<String, byte[]> found = new HashMap<>();
    for (String key : keys) {
      if (values.containsKey(key)) {
        found.put(key, values.get(key));
      }
    }
    return found;
  }

  @Override
  public synchronized void put(String key, byte[] value, Duration ttl) {
    call(Op.PUT);
    values.put(key, value.clone());
  }

  @Override
  public synchronized boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    call(Op.PUT_IF_ABSENT);
    return values.putIfAbsent(key, value.clone()) == null;
  }

  @Override
  public synchronized void delete(String key) {
    call(Op.DELETE);
    values.remove(key);
    lists.remove(key);
  }

  @Override
  public synchronized void appendToList(String key, List<byte[]> added, int maxSize, Duration ttl) {
    call(Op.APPEND_TO_LIST);
    List<byte[]> list = lists.computeIfAbsent(key, k -> new ArrayList<>());
    list.addAll(added);
    while (list.size() > maxSize) {
      list.remove(0);
    }
  }

  @Override
  public synchronized List<byte[]> readList(String key) {
    call(Op.READ_LIST);
    return List.copyOf(lists.getOrDefault(key, List.of()));
  }
}
