package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.adapters.dynamodb.DynamoDbNodeRegistry;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.javalin.web.WebSocketApi;
import dev.hoochat.adapters.javalin.web.WebSocketPusherAdapter;
import dev.hoochat.adapters.redis.RedisBackplaneAdapter;
import dev.hoochat.adapters.redis.RedisSettings;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a standalone server needs to share its store with other servers (docs/scale-out.md),
 * in one place for the composition root: this node's identity, its heartbeat in the table (and the
 * refusal to start beside another live node without a backplane), the sweep of dead nodes'
 * connections, and — with {@code --backplane redis} — the table's group leases and the Redis
 * backplane as the pusher.
 *
 * <p>Stores that live in one process (memory, SQLite) run one node: no heartbeat, and {@code
 * --backplane redis} is refused.
 */
final class ScaleOut implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScaleOut.class);

  /** How often a node renews its heartbeat, and sweeps dead nodes' connections. */
  static final Duration BEAT_EVERY = Duration.ofSeconds(2);

  /** How long a heartbeat keeps a node alive: a node silent this long is dead to the others. */
  static final Duration EXPIRY = Duration.ofSeconds(10);

  /**
   * A node whose own heartbeat is this close to running out (the store did not take the renewals)
   * closes its sockets and refuses new ones: the others may soon sweep its connections.
   */
  static final Duration FENCE_MARGIN = Duration.ofSeconds(3);

  private final ServerConfig config;
  private final NodeId node;
  private final Clock clock;
  private final Instant startedAt;
  private final Optional<DynamoDbStores> dynamo;
  private final Optional<DynamoDbNodeRegistry> registry;
  private volatile List<DynamoDbNodeRegistry.Node> known = List.of();
  private volatile Instant aliveUntil;
  private volatile boolean fenced;
  private volatile boolean beatFailing;
  private volatile Chat chat;
  private volatile WebSocketApi ws;
  private RedisBackplaneAdapter backplane;
  private ScheduledExecutorService beats;

  private ScaleOut(
      ServerConfig config,
      NodeId node,
      Clock clock,
      Optional<DynamoDbStores> dynamo,
      Optional<DynamoDbNodeRegistry> registry) {
    this.config = config;
    this.node = node;
    this.clock = clock;
    this.startedAt = clock.now();
    this.aliveUntil = startedAt.plus(EXPIRY);
    this.dynamo = dynamo;
    this.registry = registry;
  }

  /**
   * This node, with its first heartbeat written; refuses (one line) to run beside a live node that
   * the backplanes do not connect. Added to {@code resources}, so a failed start forgets it.
   */
  static ScaleOut open(
      ServerConfig config,
      PortMetrics metrics,
      Clock clock,
      IdSource ids,
      List<AutoCloseable> resources) {
    NodeId node = new NodeId(ids.newId().substring(0, 12));
    boolean redis = config.backplane() == ServerConfig.BackplaneChoice.REDIS;
    if (config.store() != ServerConfig.StoreChoice.DYNAMODB) {
      if (redis) {
        throw new HooChatServer.StartupException(
            "--backplane redis needs --store dynamodb: the "
                + config.store().name().toLowerCase(Locale.ROOT)
                + " store lives in one process, so it runs one server");
      }
      ScaleOut single = new ScaleOut(config, node, clock, Optional.empty(), Optional.empty());
      resources.add(single);
      return single;
    }
    if (redis && config.cache() == ServerConfig.CacheChoice.MEMORY) {
      throw new HooChatServer.StartupException(
          "--backplane redis needs a cache the servers share (--cache redis, momento or none):"
              + " with --cache memory each server would keep serving group memberships that"
              + " another server changed");
    }
    DynamoDbStores stores = DynamoDbStores.connect(HooChatServer.dynamoDbSettings(config), metrics);
    DynamoDbNodeRegistry registry = stores.nodes();
    ScaleOut scaleOut =
        new ScaleOut(config, node, clock, Optional.of(stores), Optional.of(registry));
    resources.add(scaleOut);
    scaleOut.beat();
    String mine = mode(config);
    for (DynamoDbNodeRegistry.Node other : registry.nodes()) {
      if (other.id().equals(node) || !other.aliveAt(clock.now())) {
        continue;
      }
      if (!redis || !other.backplane().equals(mine)) {
        throw new HooChatServer.StartupException(
            "another HooChat server (node "
                + other.id()
                + ", --backplane "
                + other.backplane()
                + ") is live on DynamoDB table "
                + config.dynamoDbTable()
                + ": run every server on one table with --backplane redis and the same"
                + " --redis-url, or stop it (a stopped server's heartbeat runs out "
                + EXPIRY.toSeconds()
                + " s after its last)");
      }
    }
    return scaleOut;
  }

  NodeId node() {
    return node;
  }

  /** The table's leases with a backplane (posts from several nodes), else {@code inProcess}. */
  GroupLocks locks(GroupLocks inProcess) {
    if (config.backplane() == ServerConfig.BackplaneChoice.REDIS) {
      return dynamo.orElseThrow().groupLocks(clock);
    }
    return inProcess;
  }

  /** The Redis backplane over {@code local} with {@code --backplane redis}, else {@code local}. */
  Pusher pusher(WebSocketPusherAdapter local, SenderKey senderKey) {
    if (config.backplane() != ServerConfig.BackplaneChoice.REDIS) {
      return local;
    }
    backplane =
        RedisBackplaneAdapter.start(
            RedisSettings.fromUrl(config.redisUrl().toString()),
            node,
            senderKey,
            new RedisBackplaneAdapter.Node() {
              @Override
              public Optional<UserId> userOf(ConnectionId id) {
                return local.userOf(id);
              }

              @Override
              public Set<ConnectionId> deliver(List<Pusher.Delivery> deliveries) {
                return local.push(deliveries);
              }

              @Override
              public void forget(ConnectionId id) {
                Chat core = chat;
                if (core != null) {
                  core.closeConnection().close(id);
                }
              }

              @Override
              public void restartSockets() {
                WebSocketApi api = ws;
                if (api != null) {
                  api.restartAll();
                }
              }
            },
            this::isDead,
            // CacheKeys' prefix: the cache on this same Redis is dropped after an outage.
            config.cache() == ServerConfig.CacheChoice.REDIS
                ? Optional.of("hc1:*")
                : Optional.empty(),
            Duration.ofSeconds(10));
    return backplane;
  }

  /** Starts the heartbeat and the sweep; sockets are admitted only while pushes can reach them. */
  void attach(Chat core, WebSocketApi api) {
    chat = core;
    ws = api;
    api.admitWhile(this::admits);
    if (registry.isEmpty()) {
      return;
    }
    beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "node-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    beats.scheduleWithFixedDelay(
        this::tick, BEAT_EVERY.toMillis(), BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "event=node_started node={} backplane={} heartbeat_every_s={} expiry_s={}",
        node,
        mode(config),
        BEAT_EVERY.toSeconds(),
        EXPIRY.toSeconds());
  }

  private boolean admits() {
    return !fenced && (backplane == null || backplane.up());
  }

  /** A node whose heartbeat the last read saw run out; one never seen is not known dead. */
  private boolean isDead(NodeId other) {
    Instant now = clock.now();
    for (DynamoDbNodeRegistry.Node seen : known) {
      if (seen.id().equals(other)) {
        return !seen.aliveAt(now);
      }
    }
    return false;
  }

  private void beat() {
    Instant until = clock.now().plus(EXPIRY);
    registry.orElseThrow().beat(node, mode(config), startedAt, until);
    aliveUntil = until;
  }

  private void tick() {
    try {
      beat();
      if (beatFailing) {
        beatFailing = false;
        log.info("event=node_heartbeat_restored node={}", node);
      }
      if (fenced) {
        fenced = false;
        log.info("event=node_unfenced node={}", node);
      }
    } catch (RuntimeException e) {
      if (!beatFailing) {
        beatFailing = true;
        log.warn("event=node_heartbeat_failed node={} reason=\"{}\"", node, e.getMessage());
      }
    }
    if (backplane != null && !fenced && clock.now().isAfter(aliveUntil.minus(FENCE_MARGIN))) {
      fenced = true;
      log.warn(
          "event=node_fenced node={} effect=\"heartbeat about to run out: sockets closed with"
              + " 1012, new ones refused until the store takes a heartbeat\"",
          node);
      WebSocketApi api = ws;
      if (api != null) {
        api.restartAll();
      }
    }
    try {
      List<DynamoDbNodeRegistry.Node> nodes = registry.orElseThrow().nodes();
      known = nodes;
      Instant now = clock.now();
      for (DynamoDbNodeRegistry.Node other : nodes) {
        if (!other.id().equals(node) && !other.aliveAt(now)) {
          sweep(other.id());
        }
      }
    } catch (RuntimeException e) {
      log.debug("event=node_sweep_failed reason=\"{}\"", e.getMessage());
    }
  }

  /** Forgets every connection of a dead node, then the node: its sockets died with it. */
  private void sweep(NodeId dead) {
    List<ConnectionId> connections = registry.orElseThrow().connectionsOn(dead);
    for (ConnectionId id : connections) {
      chat.closeConnection().close(id);
    }
    registry.orElseThrow().forget(dead);
    log.info("event=node_swept node={} connections={}", dead, connections.size());
  }

  private static String mode(ServerConfig config) {
    return config.backplane().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    if (beats != null) {
      beats.shutdownNow();
    }
    registry.ifPresent(
        r -> {
          try {
            r.forget(node);
          } catch (RuntimeException e) {
            log.debug("event=node_forget_failed reason=\"{}\"", e.getMessage());
          }
        });
    if (backplane != null) {
      backplane.close();
    }
    dynamo.ifPresent(DynamoDbStores::close);
  }
}
