package dev.hoochat.adapters.momento;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.failure.CacheException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import momento.sdk.CacheClient;
import momento.sdk.auth.CredentialProvider;
import momento.sdk.auth.MomentoLocalProvider;
import momento.sdk.exceptions.MomentoErrorCode;
import momento.sdk.exceptions.SdkException;
import momento.sdk.requests.CollectionTtl;
import momento.sdk.responses.cache.DeleteResponse;
import momento.sdk.responses.cache.GetBatchResponse;
import momento.sdk.responses.cache.GetResponse;
import momento.sdk.responses.cache.SetIfNotExistsResponse;
import momento.sdk.responses.cache.SetResponse;
import momento.sdk.responses.cache.control.CacheCreateResponse;
import momento.sdk.responses.cache.list.ListConcatenateBackResponse;
import momento.sdk.responses.cache.list.ListFetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound adapter: keeps the cache in Momento, through the Momento Java SDK's {@link CacheClient}.
 *
 * <p>Every operation is one call: {@code getMany} is one {@code getBatch}, {@code appendToList} one
 * {@code listConcatenateBack} that also truncates and sets the TTL. The SDK answers with Hit / Miss
 * / Error variants instead of throwing; {@link #answer} turns every Error (and a call that outlives
 * its deadline) into {@link CacheException}, in one place.
 *
 * <p>Momento's limits: a TTL is at most 24 h (longer ones are capped here, which only makes an
 * entry leave the cache sooner), and an item is at most 5 MB (a larger value is refused here,
 * before the call; a list counts as one item, which the service enforces).
 */
public final class MomentoCacheAdapter implements CacheStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MomentoCacheAdapter.class);

  static final Duration MAX_TTL = Duration.ofHours(24);
  static final int MAX_ITEM_BYTES = 5 * 1024 * 1024;

  /** Only used by SDK calls that carry no TTL, and this adapter makes none. */
  private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final CacheClient client;
  private final String cacheName;
  private final long answerWithinMillis;

  private MomentoCacheAdapter(CacheClient client, String cacheName, Duration requestTimeout) {
    this.client = client;
    this.cacheName = cacheName;
    // The SDK itself gives up at the deadline; this backstop only guards against a future that
    // never completes, so that no request can wait on the cache for long.
    this.answerWithinMillis = requestTimeout.multipliedBy(2).plusSeconds(1).toMillis();
  }

  /**
   * Connects, creates the cache if it is absent, and answers a ready adapter; the one factory the
   * composition roots call, once per process.
   *
   * @throws CacheException when Momento cannot be reached or refuses the configuration, with a
   *     one-line message fit for a fail-fast start
   * @throws IllegalArgumentException when the API key is malformed
   */
  public static MomentoCacheAdapter start(MomentoSettings settings) {
    CacheClient client = connect(settings);
    MomentoCacheAdapter adapter =
        new MomentoCacheAdapter(client, settings.cacheName(), settings.requestTimeout());
    try {
      adapter.createCacheIfAbsent(settings.connectTimeout());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    log.info(
        "event=momento_cache_ready cache={} connection={} profile={} request_timeout_ms={}",
        settings.cacheName(),
        settings.connection(),
        settings.profile(),
        settings.requestTimeout().toMillis());
    return adapter;
  }

  private static CacheClient connect(MomentoSettings settings) {
    CredentialProvider credentials = credentials(settings.connection());
    try {
      return CacheClient.create(
          credentials,
          settings.profile().configuration().withTimeout(settings.requestTimeout()),
          DEFAULT_TTL,
          settings.connectTimeout());
    } catch (SdkException e) {
      throw new CacheException(
          "cannot connect to Momento at " + settings.connection() + ": " + e.getMessage(), e);
    }
  }

  private static CredentialProvider credentials(MomentoConnection connection) {
    if (connection instanceof MomentoConnection.LocalEndpoint local) {
      return new MomentoLocalProvider(local.host(), local.port());
    }
    return apiKey((MomentoConnection.ApiKey) connection);
  }

  private static CredentialProvider apiKey(MomentoConnection.ApiKey key) {
    try {
      return CredentialProvider.fromString(key.key());
    } catch (SdkException e) {
      // The SDK's message never quotes the key.
      throw new IllegalArgumentException("MOMENTO_API_KEY is not a valid Momento API key", e);
    }
  }

  private void createCacheIfAbsent(Duration within) {
    CacheCreateResponse response = await("createCache", client.createCache(cacheName), within);
    if (response instanceof CacheCreateResponse.Error error) {
      MomentoErrorCode code = error.getErrorCode();
      if (code == MomentoErrorCode.ALREADY_EXISTS_ERROR) {
        log.info("event=momento_cache_exists cache={}", cacheName);
        return;
      }
      if (code == MomentoErrorCode.PERMISSION_ERROR) {
        // A key scoped to data calls may not create caches; the first data call will tell.
        log.warn("event=momento_cache_create_denied cache={}", cacheName);
        return;
      }
      throw new CacheException(
          "cannot create Momento cache '" + cacheName + "': " + code + " " + error.getMessage(),
          error);
    }
    log.info("event=momento_cache_created cache={}", cacheName);
  }

  @Override
  public Optional<byte[]> get(String key) {
    GetResponse response = answer("get", client.get(cacheName, key));
    return hitOrMiss("get", response);
  }

  @Override
  public Map<String, byte[]> getMany(Collection<String> keys) {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    GetBatchResponse response = answer("getBatch", client.getBatch(cacheName, distinct));
    if (!(response instanceof GetBatchResponse.Success success)) {
      throw unexpected("getBatch", response);
    }
    Map<String, byte[]> found = new HashMap<>();
    success
        .results()
        .forEach(
            (key, each) ->
                hitOrMiss("getBatch", checked("getBatch", each))
                    .ifPresent(value -> found.put(key, value)));
    return found;
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    checkSize(value.length);
    SetResponse response =
        answer("set", client.set(cacheName, key.getBytes(UTF_8), value, momentoTtl(ttl)));
    if (!(response instanceof SetResponse.Success)) {
      throw unexpected("set", response);
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    checkSize(value.length);
    SetIfNotExistsResponse response =
        answer("setIfNotExists", client.setIfNotExists(cacheName, key, value, momentoTtl(ttl)));
    if (response instanceof SetIfNotExistsResponse.Stored) {
      return true;
    }
    if (response instanceof SetIfNotExistsResponse.NotStored) {
      return false;
    }
    throw unexpected("setIfNotExists", response);
  }

  @Override
  public void delete(String key) {
    DeleteResponse response = answer("delete", client.delete(cacheName, key));
    if (!(response instanceof DeleteResponse.Success)) {
      throw unexpected("delete", response);
    }
  }

  @Override
  public void appendToList(String key, List<byte[]> values, int maxSize, Duration ttl) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("a list keeps at least one entry, asked " + maxSize);
    }
    if (values.isEmpty()) {
      return;
    }
    checkSize(values.stream().mapToLong(v -> v.length).sum());
    // CollectionTtl.of refreshes the TTL on every append, as the other cache adapters do.
    ListConcatenateBackResponse response =
        answer(
            "listConcatenateBack",
            client.listConcatenateBackByteArray(
                cacheName, key, values, maxSize, CollectionTtl.of(momentoTtl(ttl))));
    if (!(response instanceof ListConcatenateBackResponse.Success)) {
      throw unexpected("listConcatenateBack", response);
    }
  }

  @Override
  public List<byte[]> readList(String key) {
    ListFetchResponse response = answer("listFetch", client.listFetch(cacheName, key));
    if (response instanceof ListFetchResponse.Hit hit) {
      return hit.valueListByteArray();
    }
    if (response instanceof ListFetchResponse.Miss) {
      return List.of();
    }
    throw unexpected("listFetch", response);
  }

  @Override
  public void close() {
    client.close();
  }

  /** Momento's TTLs run from 1 ms to 24 h; a longer one is capped, never refused. */
  static Duration momentoTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a cache TTL must be positive, was " + ttl);
    }
    if (ttl.compareTo(MAX_TTL) > 0) {
      return MAX_TTL;
    }
    return ttl.toMillis() == 0 ? Duration.ofMillis(1) : ttl;
  }

  private static void checkSize(long bytes) {
    if (bytes > MAX_ITEM_BYTES) {
      throw new CacheException("Momento item of " + bytes + " bytes exceeds its 5 MB limit", null);
    }
  }

  private static Optional<byte[]> hitOrMiss(String operation, GetResponse response) {
    if (response instanceof GetResponse.Hit hit) {
      return Optional.of(hit.valueByteArray());
    }
    if (response instanceof GetResponse.Miss) {
      return Optional.empty();
    }
    throw unexpected(operation, response);
  }

  /** Waits for the SDK's answer within the request deadline; every Error becomes CacheException. */
  private <R> R answer(String operation, CompletableFuture<R> pending) {
    return checked(operation, await(operation, pending, Duration.ofMillis(answerWithinMillis)));
  }

  private static <R> R await(String operation, CompletableFuture<R> pending, Duration within) {
    try {
      return pending.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new CacheException("momento " + operation + ": no answer within " + within, e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new CacheException("momento " + operation + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new CacheException("momento " + operation + ": " + e.getCause(), e.getCause());
    }
  }

  /** The one place where the SDK's Error variants (all {@link SdkException}s) are mapped. */
  private static <R> R checked(String operation, R response) {
    if (response instanceof SdkException error) {
      throw new CacheException(
          "momento " + operation + " failed: " + error.getErrorCode() + " " + error.getMessage(),
          error);
    }
    return response;
  }

  private static CacheException unexpected(String operation, Object response) {
    return new CacheException(
        "momento " + operation + ": unexpected answer " + response.getClass().getSimpleName(),
        null);
  }
}
