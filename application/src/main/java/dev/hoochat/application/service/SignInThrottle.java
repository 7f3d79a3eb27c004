package dev.hoochat.application.service;

import dev.hoochat.application.cache.NoCache;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.RateLimitedException;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.domain.user.Handle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds sign-in attempts back after failures, so that passwords cannot be guessed online at speed,
 * while an attacker cannot keep the real user out at will. The design and the lockout argument are
 * in docs/hardening-limits.md; in short:
 *
 * <ul>
 *   <li>Failures are counted in three scopes: the handle from one address (the <em>pair</em>,
 *       {@code n} free failures), the address over all handles ({@code 4n}), and the handle from
 *       every address ({@code 2n}). Past its free failures a scope is held back after each failure
 *       for 1 s, 2 s, 4 s, … up to {@code maxBackoff}, counted from that failure; failures older
 *       than the window are forgotten.
 *   <li>An address from which the handle has signed up or in (during the last 30 days) is
 *       <em>known</em>: it is held back only by the pair's own failures, never by the handle's or
 *       the address's. An attacker elsewhere can therefore hold back only addresses the real user
 *       has not used, and a known one only by failing from that very address.
 *   <li>A held-back attempt is refused before the user is looked up or the password hashed: cheap,
 *       and alike for unknown handles and wrong passwords (failures of unknown handles count just
 *       as others do).
 *   <li>At most one password check per handle is in flight at once from unknown addresses (one per
 *       pair from known ones), so that a burst of simultaneous guesses cannot all pass before the
 *       first failure is counted.
 * </ul>
 *
 * State lives in the cache when there is one (shared by every process: Lambda environments too) and
 * always in this process as well; a scope is held back as long as either view says so, so a cache
 * outage leaves each process its own throttle. Keys are HMACs of the handle and address: the cache
 * holds neither in clear.
 */
public final class SignInThrottle {
  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private static final String PREFIX = "hc1:sin:";
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final Duration KNOWN_FOR = Duration.ofDays(30);
  private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
  private static final int KEPT_FAILURES = 64;
  private static final int MAX_LOCAL_KEYS = 100_000;

  /** Where failures are counted; each has its own number of free failures. */
  enum Scope {
    PAIR(1),
    HANDLE(2),
    ADDRESS(4);

    final int freeMultiple;

    Scope(int freeMultiple) {
      this.freeMultiple = freeMultiple;
    }
  }

  private final int freeFailures;
  private final Duration maxBackoff;
  private final Duration window;
  private final Clock clock;
  private final byte[] key;
  private final List<Attempts> views;

  /**
   * @param freeFailures failures of a pair before it is held back; 0 turns throttling off
   * @param shared the cache, or {@link NoCache} when there is none
   * @param key a server secret, so that the cache's keys name no handle or address in clear
   */
  public SignInThrottle(
      int freeFailures, Duration maxBackoff, CacheStore shared, byte[] key, Clock clock) {
    this.freeFailures = freeFailures;
    this.maxBackoff = maxBackoff;
    this.window = longer(Duration.ofHours(1), maxBackoff.multipliedBy(4));
    this.clock = clock;
    this.key = derive(key, "hoochat sign-in throttle keys");
    List<Attempts> v = new ArrayList<>();
    v.add(new LocalAttempts());
    if (shared != NoCache.INSTANCE) {
      v.add(new SharedAttempts(shared));
    }
    this.views = List.copyOf(v);
  }

  /** The time a scope is held back after {@code failures} counted failures, 0 when it is not. */
  Duration backoff(int failures, int free) {
    if (failures < free) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - free, 30);
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  /**
   * Lets an attempt go on to check the password, or refuses it with {@code rate_limited} and how
   * long to wait. The answer must be closed once the password was checked.
   */
  public Attempt admit(Handle handle, ClientAddress from) {
    if (freeFailures == 0) {
      return new Attempt(null, false, Instant.MIN, false, null, from, handle);
    }
    Keys keys = keys(handle, from);
    Instant now = clock.now();
    HeldBack pair = heldBack(keys.pair(), Scope.PAIR, now);
    Duration wait = pair.left();
    Instant knownUntil =
        wait.isZero() && from != ClientAddress.UNKNOWN ? knownUntil(keys.known()) : Instant.MIN;
    boolean known = knownUntil.isAfter(now);
    if (!known) {
      wait = longer(wait, heldBack(keys.handle(), Scope.HANDLE, now).left());
      wait = longer(wait, heldBack(keys.address(), Scope.ADDRESS, now).left());
    }
    if (!wait.isZero()) {
      throw new RateLimitedException(wait, "too many failed sign-ins");
    }
    String lease = known ? keys.pairLease() : keys.handleLease();
    List<Attempts> held = new ArrayList<>();
    for (Attempts view : views) {
      if (!view.lease(lease, now)) {
        held.forEach(h -> h.release(lease));
        throw new RateLimitedException(BUSY_RETRY, "a sign-in for this handle is under way");
      }
      held.add(view);
    }
    return new Attempt(keys, known, knownUntil, pair.failures() > 0, lease, from, handle);
  }

  /** After a sign-up: the address is one the handle has used. */
  public void remember(Handle handle, ClientAddress from) {
    if (freeFailures == 0 || from == ClientAddress.UNKNOWN) {
      return;
    }
    String known = keys(handle, from).known();
    views.forEach(v -> v.markKnown(known, clock.now().plus(KNOWN_FOR)));
  }

  /** One admitted attempt: say how it went, then close it (which ends its lease). */
  public final class Attempt implements AutoCloseable {
    private final Keys keys;
    private final boolean known;
    private final Instant knownUntil;
    private final boolean pairFailed;
    private final String lease;
    private final ClientAddress from;
    private final Handle handle;

    private Attempt(
        Keys keys,
        boolean known,
        Instant knownUntil,
        boolean pairFailed,
        String lease,
        ClientAddress from,
        Handle handle) {
      this.keys = keys;
      this.known = known;
      this.knownUntil = knownUntil;
      this.pairFailed = pairFailed;
      this.lease = lease;
      this.from = from;
      this.handle = handle;
    }

    /**
     * The password did not match (or the handle belongs to no one). Answers, for the log, how long
     * the next attempt of this pair is held back, and the pair's count of failures.
     */
    public Failure failed() {
      if (keys == null) {
        return new Failure(0, Duration.ZERO);
      }
      Instant now = clock.now();
      for (Attempts view : views) {
        view.recordFailure(keys.pair(), now, window);
        view.recordFailure(keys.handle(), now, window);
        view.recordFailure(keys.address(), now, window);
      }
      int pairFailures = failures(keys.pair(), now);
      Duration next = backoff(pairFailures, freeFailures);
      if (!known) {
        next = longer(next, backoff(failures(keys.handle(), now), 2 * freeFailures));
        next = longer(next, backoff(failures(keys.address(), now), 4 * freeFailures));
      }
      return new Failure(pairFailures, next);
    }

    /**
     * The password matched: the pair starts afresh, and the address is known to the handle for
     * another 30 days (written at most once a day per pair, so that a sign-in costs no more cache
     * writes than it must).
     */
    public void succeeded() {
      if (keys == null) {
        return;
      }
      if (pairFailed) {
        views.forEach(v -> v.forget(keys.pair()));
      }
      Instant renewFrom = clock.now().plus(KNOWN_FOR).minus(Duration.ofDays(1));
      if (knownUntil.isBefore(renewFrom)) {
        remember(handle, from);
      }
    }

    @Override
    public void close() {
      if (lease != null) {
        views.forEach(v -> v.release(lease));
      }
    }
  }

  /** What a failure left behind: the pair's failures so far, and how long it is now held back. */
  public record Failure(int pairFailures, Duration heldBackFor) {}

  /**
   * How long a scope is still held back, and how many failures it counts (the most of any view).
   */
  private record HeldBack(Duration left, int failures) {}

  private HeldBack heldBack(String key, Scope scope, Instant now) {
    Duration longest = Duration.ZERO;
    int most = 0;
    for (Attempts view : views) {
      List<Instant> recent = recent(view.failures(key), now);
      if (recent.isEmpty()) {
        continue;
      }
      most = Math.max(most, recent.size());
      Duration backoff = backoff(recent.size(), scope.freeMultiple * freeFailures);
      Instant last = recent.get(recent.size() - 1);
      Duration left = Duration.between(now, last.plus(backoff));
      longest = longer(longest, left);
    }
    return new HeldBack(longest, most);
  }

  private int failures(String key, Instant now) {
    int most = 0;
    for (Attempts view : views) {
      most = Math.max(most, recent(view.failures(key), now).size());
    }
    return most;
  }

  /** Until when the address is known to the handle, by the view that knows longest. */
  private Instant knownUntil(String key) {
    Instant latest = Instant.MIN;
    for (Attempts view : views) {
      Instant until = view.knownUntil(key);
      if (until.isAfter(latest)) {
        latest = until;
      }
    }
    return latest;
  }

  private List<Instant> recent(List<Instant> failures, Instant now) {
    Instant since = now.minus(window);
    List<Instant> recent = new ArrayList<>(failures.size());
    for (Instant at : failures) {
      if (at.isAfter(since)) {
        recent.add(at);
      }
    }
    recent.sort(null);
    return recent;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private record Keys(
      String pair,
      String handle,
      String address,
      String known,
      String pairLease,
      String handleLease) {}

  private Keys keys(Handle handle, ClientAddress from) {
    String h = mac("h\n" + handle.value());
    String a = mac("a\n" + from.throttleKey());
    String p = mac("p\n" + handle.value() + "\n" + from.throttleKey());
    return new Keys(
        PREFIX + "p:" + p,
        PREFIX + "h:" + h,
        PREFIX + "a:" + a,
        PREFIX + "k:" + p,
        PREFIX + "lp:" + p,
        PREFIX + "lh:" + h);
  }

  private String mac(String text) {
    byte[] digest = derive(key, text);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(digest, 16));
  }

  /** HMAC-SHA256: a key of its own from the server secret, then each name under that key. */
  private static byte[] derive(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** One view of the attempts: this process's, or the cache's. */
  private interface Attempts {
    List<Instant> failures(String key);

    void recordFailure(String key, Instant at, Duration keepFor);

    void forget(String key);

    /** Until when the address is known to the handle; {@link Instant#MIN} when it is not. */
    Instant knownUntil(String key);

    void markKnown(String key, Instant until);

    /** Takes the lease; false when another attempt holds it. */
    boolean lease(String key, Instant now);

    void release(String key);
  }

  /** This process's view: bounded maps, forgotten wholesale if an attack fills them. */
  private final class LocalAttempts implements Attempts {
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> known = new ConcurrentHashMap<>();
    private final Map<String, Instant> leases = new ConcurrentHashMap<>();

    @Override
    public List<Instant> failures(String key) {
      Deque<Instant> list = failures.get(key);
      if (list == null) {
        return List.of();
      }
      synchronized (list) {
        return new ArrayList<>(list);
      }
    }

    @Override
    public void recordFailure(String key, Instant at, Duration keepFor) {
      if (failures.size() >= MAX_LOCAL_KEYS) {
        Instant since = at.minus(keepFor);
        failures.values().removeIf(d -> newest(d).map(t -> !t.isAfter(since)).orElse(true));
        if (failures.size() >= MAX_LOCAL_KEYS) {
          log.warn("event=sign_in_throttle_full keys={} action=forgotten", failures.size());
          failures.clear();
        }
      }
      Deque<Instant> list = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (list) {
        list.addLast(at);
        while (list.size() > KEPT_FAILURES) {
          list.removeFirst();
        }
      }
    }

    private Optional<Instant> newest(Deque<Instant> list) {
      synchronized (list) {
        return Optional.ofNullable(list.peekLast());
      }
    }

    @Override
    public void forget(String key) {
      failures.remove(key);
    }

    @Override
    public Instant knownUntil(String key) {
      return known.getOrDefault(key, Instant.MIN);
    }

    @Override
    public void markKnown(String key, Instant until) {
      if (known.size() >= MAX_LOCAL_KEYS) {
        Instant now = clock.now();
        known.values().removeIf(t -> !t.isAfter(now));
        if (known.size() >= MAX_LOCAL_KEYS) {
          known.clear();
        }
      }
      known.put(key, until);
    }

    @Override
    public boolean lease(String key, Instant now) {
      Instant until = now.plus(LEASE);
      Instant held = leases.putIfAbsent(key, until);
      if (held == null) {
        return true;
      }
      // an expired lease (its holder died without releasing) is taken over
      return held.isBefore(now) && leases.replace(key, held, until);
    }

    @Override
    public void release(String key) {
      leases.remove(key);
    }
  }

  /**
   * The cache's view, shared by every process on it. Failures are a list of times (appendToList
   * keeps the newest); a lease is a key put if absent. The cache is never trusted to refuse more
   * than it shows: a cache that fails reads as no failures and no lease, and this process's own
   * view still holds.
   */
  private static final class SharedAttempts implements Attempts {
    private final CacheStore cache;
    private final Map<String, byte[]> ownLeases = new ConcurrentHashMap<>();

    SharedAttempts(CacheStore cache) {
      this.cache = cache;
    }

    @Override
    public List<Instant> failures(String key) {
      List<Instant> times = new ArrayList<>();
      for (byte[] entry : cache.readList(key)) {
        if (entry.length == Long.BYTES) {
          times.add(Instant.ofEpochMilli(ByteBuffer.wrap(entry).getLong()));
        }
      }
      return times;
    }

    @Override
    public void recordFailure(String key, Instant at, Duration keepFor) {
      byte[] entry = ByteBuffer.allocate(Long.BYTES).putLong(at.toEpochMilli()).array();
      cache.appendToList(key, List.of(entry), KEPT_FAILURES, keepFor);
    }

    @Override
    public void forget(String key) {
      cache.delete(key);
    }

    @Override
    public Instant knownUntil(String key) {
      return cache
          .get(key)
          .filter(value -> value.length == Long.BYTES)
          .map(value -> Instant.ofEpochMilli(ByteBuffer.wrap(value).getLong()))
          .orElse(Instant.MIN);
    }

    @Override
    public void markKnown(String key, Instant until) {
      cache.put(
          key, ByteBuffer.allocate(Long.BYTES).putLong(until.toEpochMilli()).array(), KNOWN_FOR);
    }

    /**
     * Put-if-absent; when that answers no, the lease is held only if the key can be read back: a
     * cache that fails (or a key in doubt) must not refuse every sign-in.
     */
    @Override
    public boolean lease(String key, Instant now) {
      byte[] token = new byte[8];
      ThreadLocalRandom.current().nextBytes(token);
      if (cache.putIfAbsent(key, token, LEASE)) {
        ownLeases.put(key, token);
        return true;
      }
      return cache.get(key).isEmpty();
    }

    @Override
    public void release(String key) {
      if (ownLeases.remove(key) != null) {
        cache.delete(key);
      }
    }
  }
}
