package dev.hoochat.adapters.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Outbound adapter: keeps the cache in Redis, through Jedis 8's pooled, thread-safe {@link
 * RedisClient}. Every method is one round trip; every Jedis failure becomes a {@link
 * CacheException}, which the caching policy treats as a miss. Create one per process and {@link
 * #close()} it on shutdown.
 */
public final class RedisCacheAdapter implements CacheStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisCacheAdapter.class);
  private static final String CLIENT_NAME = "hoochat";

  private final RedisClient client;
  private final String address;

  private RedisCacheAdapter(RedisClient client, String address) {
    this.client = client;
    this.address = address;
  }

  /**
   * Builds the client and its pool. Connects lazily: call {@link #checkReachable()} to fail fast.
   */
  public static RedisCacheAdapter connect(RedisSettings settings) {
    DefaultJedisClientConfig.Builder config = clientConfig(settings, CLIENT_NAME);

    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(settings.maxConnections());
    pool.setMaxIdle(settings.maxConnections());
    pool.setMinIdle(0);
    // An exhausted pool waits no longer than a connect would: a request must not queue behind a
    // dead cache (the default is to wait forever).
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(settings.connectTimeout());
    // A PING per borrow would double the round trips; a broken connection fails its command, is
    // destroyed, and the idle ones are dropped with it (see call()).
    pool.setTestOnBorrow(false);
    // No JMX registration of the pool: it starts the platform MBean server, a couple of hundred
    // classes and a tenth of a second of every Lambda cold start; /metrics counts cache calls.
    pool.setJmxEnabled(false);

    RedisClient client =
        RedisClient.builder()
            .hostAndPort(settings.host(), settings.port())
            .clientConfig(config.build())
            .poolConfig(pool)
            .build();
    log.info(
        "event=redis_cache_configured address={} tls={} database={} connect_timeout_ms={}"
            + " socket_timeout_ms={} max_connections={}",
        settings.address(),
        settings.tls(),
        settings.database(),
        settings.connectTimeout().toMillis(),
        settings.socketTimeout().toMillis(),
        settings.maxConnections());
    return new RedisCacheAdapter(client, settings.address());
  }

  /** How every HooChat connection to Redis is configured (the cache's and the backplane's). */
  static DefaultJedisClientConfig.Builder clientConfig(RedisSettings settings, String clientName) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()))
            .socketTimeoutMillis(Math.toIntExact(settings.socketTimeout().toMillis()))
            .database(settings.database())
            .clientName(clientName)
            // RESP2 and no CLIENT SETINFO: no HELLO negotiation and no extra round trips when a
            // connection opens, and it speaks to every Redis (and Redis-compatible) server.
            .resp2()
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    settings.user().ifPresent(config::user);
    settings.password().ifPresent(config::password);
    if (settings.tls()) {
      // Jedis does not check the server's host name on its own; without this, any certificate
      // the JVM trusts would do for any host.
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      config.ssl(true).sslParameters(verifyHost);
    }

    return config;
  }

  /**
   * Sends PING, for a fail-fast start.
   *
   * @throws CacheException with a one-line reason when Redis does not answer, refuses the
   *     credentials or answers something else
   */
  public void checkReachable() {
    String reply;
    try {
      reply = client.ping();
    } catch (JedisException e) {
      throw new CacheException("Redis at " + address + " is unreachable: " + reason(e), e);
    }
    if (!"PONG".equals(reply)) {
      throw new CacheException(
          "Redis at " + address + " answered PING with " + reply + " instead of PONG", null);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    return call("GET", () -> Optional.ofNullable(client.get(bytes(key))));
  }

  /** One MGET, however many keys. */
  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<String> ordered = List.copyOf(keys);
    byte[][] raw = ordered.stream().map(RedisCacheAdapter::bytes).toArray(byte[][]::new);
    List<byte[]> values = call("MGET", () -> client.mget(raw));
    Map<String, byte[]> found = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      byte[] value = values.get(i);
      if (value != null) {
        found.put(ordered.get(i), value);
      }
    }
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    SetParams expiring = SetParams.setParams().px(millis(ttl));
    call("SET", () -> client.set(bytes(key), value, expiring));
  }

  /** {@code SET key value NX PX ttl}: the check and the write are one atomic command. */
  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    SetParams onlyIfAbsent = SetParams.setParams().nx().px(millis(ttl));
    return call("SET NX", () -> client.set(bytes(key), value, onlyIfAbsent)) != null;
  }

  @Override
  public void delete(String key) {
    call("DEL", () -> client.del(bytes(key)));
  }

  /**
   * RPUSH + LTRIM + PEXPIRE inside MULTI/EXEC. Jedis writes MULTI, the three commands and EXEC
   * before it reads any reply, so this is one round trip, and Redis applies the three at once.
   *
   * <p>Why not a plain pipeline: also one round trip, but not atomic; a connection lost after the
   * RPUSH would leave a list with no TTL, living forever. Why not a Lua script: atomic too, but
   * Redis forgets loaded scripts when it restarts, so right after an outage every EVALSHA would
   * fail with NOSCRIPT (or every call would resend the script), and some managed Redis services
   * restrict scripting. MULTI/EXEC keeps no state on the server.
   */
  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a list keeps at least one entry, was " + maxSize);
    }
    byte[] rawKey = bytes(key);
    long expiry = millis(ttl);
    byte[][] entries = values.toArray(byte[][]::new);
    call(
        "MULTI RPUSH LTRIM PEXPIRE",
        () -> {
          try (AbstractTransaction tx = client.multi()) {
            if (entries.length > 0) {
              tx.rpush(rawKey, entries);
            }
            tx.ltrim(rawKey, -maxSize, -1);
            tx.pexpire(rawKey, expiry);
            return requireAllApplied(tx.exec());
          }
        });
  }

  /**
   * EXEC answers each queued command's error in its list instead of throwing it (a WRONGTYPE RPUSH,
   * say); surface the first one as the failure it is.
   */
  private static List<Object> requireAllApplied(List<Object> replies) {
    if (replies == null) {
      throw new JedisException("the transaction was discarded");
    }
    for (Object reply : replies) {
      if (reply instanceof JedisException failed) {
        throw failed;
      }
    }
    return replies;
  }

  @Override
  public List<byte[]> readList(String key) {
    return call("LRANGE", () -> client.lrange(bytes(key), 0, -1));
  }

  /** Closes the pool and its connections; the adapter is unusable afterwards. */
  @Override
  public void close() {
    try {
      client.close();
    } catch (JedisException e) {
      throw new CacheException("closing the Redis client for " + address + " failed", e);
    }
    log.info("event=redis_cache_closed address={}", address);
  }

  private <T> T call(String command, Supplier<T> redis) {
    try {
      return redis.get();
    } catch (JedisConnectionException e) {
      // When one pooled connection is dead, the idle ones almost surely are too (Redis restarted,
      // or the network dropped): drop them, so that once Redis is back the next call opens a
      // fresh connection instead of failing once per stale one.
      dropIdleConnections();
      throw new CacheException("Redis " + command + " at " + address + " failed: " + reason(e), e);
    } catch (JedisException e) {
      throw new CacheException("Redis " + command + " at " + address + " failed: " + reason(e), e);
    }
  }

  private void dropIdleConnections() {
    try {
      client.getPool().clear();
    } catch (IllegalStateException | JedisException e) {
      log.debug("event=redis_pool_clear_failed address={} reason={}", address, e.toString());
    }
  }

  /** One line: the library's message, and the root cause's when it says something else. */
  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = String.valueOf(e.getMessage());
    if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
      return oneLine(top);
    }
    return oneLine(top + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static long millis(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a cache TTL must be positive, was " + ttl);
    }
    // Redis counts in whole milliseconds; round a sub-millisecond TTL up rather than to zero.
    return Math.max(1, ttl.toMillis());
  }

  private static byte[] bytes(String key) {
    return key.getBytes(UTF_8);
  }
}
