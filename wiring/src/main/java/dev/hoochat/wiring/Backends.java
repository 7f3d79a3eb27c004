package dev.hoochat.wiring;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.memory.MemoryCacheAdapter;
import dev.hoochat.adapters.memory.MemoryConnectionStoreAdapter;
import dev.hoochat.adapters.memory.MemoryGroupLocksAdapter;
import dev.hoochat.adapters.memory.MemoryGroupStoreAdapter;
import dev.hoochat.adapters.memory.MemoryMessageLogAdapter;
import dev.hoochat.adapters.memory.MemoryUserStoreAdapter;
import dev.hoochat.adapters.momento.MomentoCacheAdapter;
import dev.hoochat.adapters.momento.MomentoProfile;
import dev.hoochat.adapters.momento.MomentoSettings;
import dev.hoochat.adapters.redis.RedisCacheAdapter;
import dev.hoochat.adapters.redis.RedisSettings;
import dev.hoochat.adapters.system.SecureRandomIdSourceAdapter;
import dev.hoochat.adapters.system.SystemClockAdapter;
import dev.hoochat.adapters.system.ThreadSchedulerAdapter;
import dev.hoochat.application.assembly.ChatCore;
import dev.hoochat.application.assembly.ConfiguredKeys;
import dev.hoochat.application.assembly.Secrets;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.Scheduler;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The outbound side of HooChat for one {@link Settings}: the clock and ids, the store with the
 * group locks that fit it, the cache, the keys — each with its client — opened once, closed in the
 * reverse order, and the core assembled on them. Both composition roots use it and add only their
 * inbound adapter and pusher. Adding a backend is one case in {@link #stores} or {@link #cache}.
 */
public final class Backends implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backends.class);

  private final Settings settings;
  private final PortMetrics metrics;
  private final Clock clock;
  private final IdSource ids;
  private final StoreSet stores;
  private final GroupLocks locks;
  private final Optional<CacheStore> cache;
  private final Secrets secrets;
  private final Optional<ScaleOut> scaleOut;
  private final List<AutoCloseable> resources;

  private Backends(
      Settings settings,
      PortMetrics metrics,
      Clock clock,
      IdSource ids,
      StoreSet stores,
      GroupLocks locks,
      Optional<CacheStore> cache,
      Secrets secrets,
      Optional<ScaleOut> scaleOut,
      List<AutoCloseable> resources) {
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.ids = ids;
    this.stores = stores;
    this.locks = locks;
    this.cache = cache;
    this.secrets = secrets;
    this.scaleOut = scaleOut;
    this.resources = resources;
  }

  public static Backends open(Settings settings, PortMetrics metrics) {
    return open(settings, metrics, UnaryOperator.identity());
  }

  /**
   * Opens what {@code settings} names; on the standalone server, checks at once that the store and
   * cache answer. {@code wrapCache} wraps the cache adapter before use, for tools that watch what
   * it is given (the anonymity test, the cost comparison's meters).
   *
   * @throws InvalidSettingException when the settings cannot be used (one line for an operator)
   * @throws RuntimeException an adapter's one-line failure when its server does not answer
   */
  public static Backends open(
      Settings settings, PortMetrics metrics, UnaryOperator<CacheStore> wrapCache) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Clock clock = new SystemClockAdapter();
      IdSource ids = new SecureRandomIdSourceAdapter();
      StoreSet stores = stores(settings, metrics, resources);
      GroupLocks locks =
          sharedByManyProcesses(settings) && stores.leases().isPresent()
              ? stores.leases().get().apply(clock)
              : new MemoryGroupLocksAdapter();
      Secrets secrets = secrets(settings, stores, ids);
      Optional<CacheStore> cache = cache(settings, clock, resources).map(wrapCache);
      Optional<ScaleOut> scaleOut = scaleOut(settings, clock, ids, stores, secrets, resources);
      return new Backends(
          settings, metrics, clock, ids, stores, locks, cache, secrets, scaleOut, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Whether other processes post to the same store, so that a group's posts must be ordered by
   * locks in the store itself (DynamoDB's leases, two more writes per post) rather than in process.
   * Every Lambda execution environment is a process of its own; a standalone server is the one
   * process on its store (SQLite's data directory is locked to it; on DynamoDB another live server
   * makes it refuse to start), unless it is one node of several with {@code --backplane redis}
   * (docs/scale-out.md).
   */
  private static boolean sharedByManyProcesses(Settings settings) {
    return switch (settings.runsOn()) {
      case LAMBDA -> true;
      case STANDALONE -> settings.get(Options.BACKPLANE) == BackplaneChoice.REDIS;
    };
  }

  /**
   * The standalone server's node ({@link ScaleOut}): on DynamoDB its heartbeat is written, on the
   * client the stores use, and a live server it cannot share the table with refuses the start.
   */
  private static Optional<ScaleOut> scaleOut(
      Settings settings,
      Clock clock,
      IdSource ids,
      StoreSet stores,
      Secrets secrets,
      List<AutoCloseable> resources) {
    if (settings.runsOn() != RunsOn.STANDALONE) {
      return Optional.empty();
    }
    ScaleOut scaleOut = ScaleOut.open(settings, clock, ids, secrets.senderKey(), stores.nodes());
    resources.add(scaleOut);
    return Optional.of(scaleOut);
  }

  /**
   * The standalone server's node: its identity, its heartbeat, and with {@code --backplane redis}
   * the pusher that reaches other nodes' sockets (docs/scale-out.md).
   *
   * @throws IllegalStateException on Lambda, where API Gateway holds the sockets
   */
  public ScaleOut scaleOut() {
    return scaleOut.orElseThrow(
        () -> new IllegalStateException("only the standalone server is a node of its own"));
  }

  /**
   * The core on these backends, pushing through {@code pusher}. The standalone server gets a
   * scheduler thread for trailing presence pushes, stopped before the stores close (the resources
   * close last-first); Lambda, where nothing runs between invocations, waits in the caller.
   */
  public Chat assemble(Pusher pusher) {
    Scheduler scheduler = Scheduler.waitingInCaller();
    if (settings.runsOn() == RunsOn.STANDALONE) {
      ThreadSchedulerAdapter thread = new ThreadSchedulerAdapter();
      closeLater(thread);
      scheduler = thread;
    }
    return ChatCore.assemble(
        new ChatCore.Outbound(
            stores.users(),
            stores.groups(),
            stores.messages(),
            locks,
            stores.connections(),
            cache,
            pusher,
            clock,
            ids,
            secrets,
            metrics,
            scheduler),
        settings.chatSettings());
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public IdSource ids() {
    return ids;
  }

  public boolean hasCache() {
    return cache.isPresent();
  }

  /** Where a local store keeps its files (absolute); empty with the other stores. */
  public Optional<Path> dataDirectory() {
    return stores.dataDirectory();
  }

  /** One line for the operator: where the data is kept, or that it is not. */
  public String whereTheDataLives() {
    return switch (settings.get(Options.STORE)) {
      case SQLITE ->
          "HooChat keeps its data in "
              + dataDirectory().orElseThrow()
              + " (database hoochat.db"
              + (settings.get(Options.TOKEN_KEY).isPresent()
                      && settings.get(Options.SENDER_KEY).isPresent()
                  ? "; keys from the environment)"
                  : ", keys in keys)");
      case MEMORY ->
          "HooChat keeps everything in memory: users, groups and messages are lost when it"
              + " stops (--store sqlite keeps them)";
      case DYNAMODB ->
          "HooChat keeps its data in the DynamoDB table " + settings.get(Options.DYNAMODB_TABLE);
    };
  }

  /** {@code store=… cache=…} (and {@code backplane=…} standalone) for the start log line. */
  public String describe() {
    return "store="
        + settings.get(Options.STORE).name().toLowerCase(Locale.ROOT)
        + " cache="
        + settings.get(Options.CACHE).name().toLowerCase(Locale.ROOT)
        + scaleOut.map(s -> " " + s.describe()).orElse("");
  }

  /** A resource of the composition root's own (a pusher's threads), closed before the backends. */
  public void closeLater(AutoCloseable resource) {
    synchronized (resources) {
      resources.add(resource);
    }
  }

  /** Closes every client, the last opened first. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static StoreSet stores(
      Settings settings, PortMetrics metrics, List<AutoCloseable> resources) {
    return switch (settings.get(Options.STORE)) {
      case MEMORY -> {
        if (settings.runsOn() == RunsOn.LAMBDA && settings.get(Options.FUNCTION_NAME).isPresent()) {
          log.warn("event=memory_store effect=\"each execution environment keeps its own data\"");
        }
        yield new StoreSet(
            new MemoryUserStoreAdapter(),
            new MemoryGroupStoreAdapter(),
            new MemoryMessageLogAdapter(),
            new MemoryConnectionStoreAdapter(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
      }
      case SQLITE -> SqliteBackend.open(Path.of(settings.get(Options.DATA_DIR)), resources);
      case DYNAMODB -> {
        DynamoDbStores dynamo = dynamoDb(settings, metrics);
        resources.add(dynamo);
        if (settings.runsOn() == RunsOn.STANDALONE) {
          // Lambda makes no check: it would add a round trip and an IAM action to every cold
          // start; a missing table shows on the first request.
          requireTable(dynamo, settings);
        }
        yield new StoreSet(
            dynamo.users(),
            dynamo.groups(),
            dynamo.messages(),
            dynamo.connections(),
            Optional.of(dynamo::groupLocks),
            // Heartbeats are the standalone servers' (Lambda's sockets are API Gateway's).
            settings.runsOn() == RunsOn.STANDALONE ? Optional.of(dynamo.nodes()) : Optional.empty(),
            Optional.empty(),
            Optional.empty());
      }
    };
  }

  /**
   * Fails at start, in one line, if the table does not answer; AWS's answer hints at a local one.
   */
  private static void requireTable(DynamoDbStores dynamo, Settings settings) {
    try {
      dynamo.requireTable();
    } catch (StoreUnavailableException e) {
      if (settings.get(Options.DYNAMODB_ENDPOINT).isPresent()) {
        throw e;
      }
      throw new InvalidSettingException(
          e.getMessage()
              + "; for a local DynamoDB, set "
              + Options.DYNAMODB_ENDPOINT.label(settings.runsOn()),
          e);
    }
  }

  /**
   * On Lambda started on demand, the client is built by the first request that reaches the store
   * (half a second of class loading a cached answer need not wait for); snapshotted or provisioned
   * ahead, or standalone, it is built now.
   */
  private static DynamoDbStores dynamoDb(Settings settings, PortMetrics metrics) {
    DynamoDbSettings dynamo = dynamoDbSettings(settings);
    return deferClients(settings)
        ? DynamoDbStores.connectOnFirstUse(dynamo, metrics)
        : DynamoDbStores.connect(dynamo, metrics);
  }

  /** Whether clients are built by their first use: Lambda, unless it initialises ahead. */
  public static boolean deferClients(Settings settings) {
    return settings.runsOn() == RunsOn.LAMBDA && !initializedAhead(settings);
  }

  /** Lambda runs the init before any request (SnapStart, provisioned concurrency). */
  public static boolean initializedAhead(Settings settings) {
    return settings.runsOn() == RunsOn.LAMBDA
        && settings
            .get(Options.INITIALIZATION_TYPE)
            .filter(t -> t.equals("snap-start") || t.equals("provisioned-concurrency"))
            .isPresent();
  }

  /** Where the table is: a given endpoint (a local server), or AWS in the configured region. */
  static DynamoDbSettings dynamoDbSettings(Settings settings) {
    String table = settings.get(Options.DYNAMODB_TABLE);
    return settings
        .get(Options.DYNAMODB_ENDPOINT)
        .map(endpoint -> DynamoDbSettings.local(endpoint, table))
        .orElseGet(() -> DynamoDbSettings.aws(settings.get(Options.REGION), table));
  }

  private static Optional<CacheStore> cache(
      Settings settings, Clock clock, List<AutoCloseable> resources) {
    return switch (settings.get(Options.CACHE)) {
      case NONE -> Optional.empty();
      case MEMORY ->
          Optional.of(new MemoryCacheAdapter(clock, MemoryCacheAdapter.DEFAULT_MAX_ENTRIES));
      case REDIS -> {
        RedisCacheAdapter redis =
            RedisCacheAdapter.connect(RedisSettings.fromUrl(settings.get(Options.REDIS_URL)));
        resources.add(redis);
        if (settings.runsOn() == RunsOn.STANDALONE) {
          // On Lambda it connects lazily: a cache that is down is a miss, never a failed cold
          // start.
          redis.checkReachable();
        }
        yield Optional.of(redis);
      }
      case MOMENTO -> {
        MomentoCacheAdapter momento = MomentoCacheAdapter.start(momentoSettings(settings));
        resources.add(momento);
        yield Optional.of(momento);
      }
    };
  }

  private static MomentoSettings momentoSettings(Settings settings) {
    String cacheName = settings.get(Options.MOMENTO_CACHE);
    Optional<String> endpoint = settings.get(Options.MOMENTO_ENDPOINT);
    if (endpoint.isPresent()) {
      return MomentoSettings.local(endpoint.get(), cacheName);
    }
    String key =
        settings
            .get(Options.MOMENTO_API_KEY)
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        Options.CACHE.label(settings.runsOn())
                            + " momento needs MOMENTO_API_KEY"
                            + (settings.runsOn() == RunsOn.STANDALONE
                                ? " (or --momento-endpoint for a local server)"
                                : "")));
    MomentoProfile profile =
        settings.runsOn() == RunsOn.LAMBDA ? MomentoProfile.LAMBDA : MomentoProfile.IN_REGION;
    return MomentoSettings.service(key, cacheName, profile);
  }

  /**
   * The signing and sender-tag keys ({@link ConfiguredKeys}: required with a durable store). A key
   * the operator did not configure comes from the store's own keys file if it keeps one (SQLite's
   * data directory, generated on first start): a configured key always wins.
   */
  private static Secrets secrets(Settings settings, StoreSet stores, IdSource ids) {
    Optional<String> tokenKey = settings.get(Options.TOKEN_KEY);
    Optional<String> senderKey = settings.get(Options.SENDER_KEY);
    if (stores.keptKeys().isPresent() && (tokenKey.isEmpty() || senderKey.isEmpty())) {
      StoreSet.KeptKeys kept = stores.keptKeys().get();
      tokenKey = tokenKey.or(() -> Optional.of(kept.tokenKey()));
      senderKey = senderKey.or(() -> Optional.of(kept.senderKey()));
    }
    try {
      return ConfiguredKeys.secrets(
          tokenKey, senderKey, settings.get(Options.STORE) != StoreChoice.MEMORY, ids);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(e.getMessage(), e);
    }
  }

  /** {@code create-table}: the one DynamoDB table, if missing; true when it was created. */
  public static boolean createTable(Settings settings) {
    DynamoDbSettings dynamo = dynamoDbSettings(settings);
    try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
      return dynamo.tableDefinition().createIfMissing(client, Duration.ofSeconds(60));
    }
  }

  /** A backup written: from where, to where, and the keys file that is not in it. */
  public record Backup(Path dataDirectory, Path written, Optional<Path> keysLeftOut) {}

  /** {@code backup}: copies the SQLite store's database while the server runs. */
  public static Backup backup(Path dataDir, Path to) {
    return SqliteBackend.backup(dataDir, to);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    List<AutoCloseable> lastFirst;
    synchronized (resources) {
      lastFirst = new ArrayList<>(resources);
      resources.clear();
    }
    for (int i = lastFirst.size() - 1; i >= 0; i--) {
      AutoCloseable resource = lastFirst.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        log.warn(
            "event=close_failed resource={} reason=\"{}\"",
            resource.getClass().getSimpleName(),
            e.getMessage());
      }
    }
  }
}
