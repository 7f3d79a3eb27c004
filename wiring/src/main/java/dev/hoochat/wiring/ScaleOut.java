package dev.hoochat.wiring;

import dev.hoochat.adapters.dynamodb.DynamoDbNodeRegistry;
import dev.hoochat.adapters.redis.RedisBackplaneAdapter;
import dev.hoochat.adapters.redis.RedisSettings;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a standalone server needs to share its store with other servers (docs/scale-out.md),
 * opened by {@link Backends} so that the composition root names no adapter: this node's identity,
 * its heartbeat in the table (and the refusal to start beside another live node the backplanes do
 * not connect), the sweep of dead nodes' connections, and — with {@code --backplane redis} — the
 * Redis backplane as the pusher. (The table's group leases for {@code redis} are chosen by {@link
 * Backends}, as for Lambda: several processes post to one store.)
 *
 * <p>Stores that live in one process (memory, SQLite) run one node: no heartbeat, and {@code
 * --backplane redis} is refused by {@link Settings}.
 *
 * <p>The root uses it in three steps: {@link #node()} names the connections it opens, {@link
 * #pusher} wraps its socket pusher before the core is assembled, and {@link #attach} hands it the
 * core and a way to restart its sockets, which starts the heartbeat; {@link #admits} says whether
 * it may accept a socket now.
 */
public final class ScaleOut implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScaleOut.class);

  /** How often a node renews its heartbeat, and sweeps dead nodes' connections. */
  public static final Duration BEAT_EVERY = Duration.ofSeconds(2);

  /** How long a heartbeat keeps a node alive: a node silent this long is dead to the others. */
  public static final Duration EXPIRY = Duration.ofSeconds(10);

  /**
   * A node whose own heartbeat is this close to running out (the store did not take the renewals)
   * closes its sockets and refuses new ones: the others may soon sweep its connections.
   */
  public static final Duration FENCE_MARGIN = Duration.ofSeconds(3);

  /** How long a start waits for the backplane's first ping to come back. */
  private static final Duration BACKPLANE_START = Duration.ofSeconds(10);

  private final Settings settings;
  private final NodeId node;
  private final Clock clock;
  private final SenderKey senderKey;
  private final Instant startedAt;
  private final Optional<DynamoDbNodeRegistry> registry;
  private volatile List<DynamoDbNodeRegistry.Node> known = List.of();
  private volatile Instant aliveUntil;
  private volatile boolean fenced;
  private volatile boolean beatFailing;
  private volatile Chat chat;
  private volatile Runnable restartSockets = () -> {};
  private RedisBackplaneAdapter backplane;
  private ScheduledExecutorService beats;

  private ScaleOut(
      Settings settings,
      NodeId node,
      Clock clock,
      SenderKey senderKey,
      Optional<DynamoDbNodeRegistry> registry) {
    this.settings = settings;
    this.node = node;
    this.clock = clock;
    this.senderKey = senderKey;
    this.startedAt = clock.now();
    this.aliveUntil = startedAt.plus(EXPIRY);
    this.registry = registry;
  }

  /**
   * This node, with its first heartbeat written when the store is shared ({@code registry}
   * present); refuses (one line) to run beside a live node that the backplanes do not connect.
   */
  static ScaleOut open(
      Settings settings,
      Clock clock,
      IdSource ids,
      SenderKey senderKey,
      Optional<DynamoDbNodeRegistry> registry) {
    NodeId node = new NodeId(ids.newId().substring(0, 12));
    ScaleOut scaleOut = new ScaleOut(settings, node, clock, senderKey, registry);
    if (registry.isEmpty()) {
      return scaleOut;
    }
    scaleOut.beat();
    try {
      scaleOut.refuseUnconnectedNodes(registry.get());
    } catch (RuntimeException e) {
      scaleOut.close();
      throw e;
    }
    return scaleOut;
  }

  private void refuseUnconnectedNodes(DynamoDbNodeRegistry nodes) {
    boolean redis = backplaneChoice() == BackplaneChoice.REDIS;
    String mine = mode();
    for (DynamoDbNodeRegistry.Node other : nodes.nodes()) {
      if (other.id().equals(node) || !other.aliveAt(clock.now())) {
        continue;
      }
      if (!redis || !other.backplane().equals(mine)) {
        throw new InvalidSettingException(
            "another HooChat server (node "
                + other.id()
                + ", --backplane "
                + other.backplane()
                + ") is live on DynamoDB table "
                + settings.get(Options.DYNAMODB_TABLE)
                + ": run every server on one table with --backplane redis and the same"
                + " --redis-url, or stop it (a stopped server's heartbeat runs out "
                + EXPIRY.toSeconds()
                + " s after its last)");
      }
    }
  }

  /** This node: the root names every connection it opens as held by it. */
  public NodeId node() {
    return node;
  }

  /**
   * The Redis backplane over {@code local} with {@code --backplane redis}, else {@code local}.
   * {@code userOf} answers whose socket this node holds open under an id (empty: none).
   *
   * @throws IllegalStateException when Redis does not answer within a few seconds
   */
  public Pusher pusher(Pusher local, Function<ConnectionId, Optional<UserId>> userOf) {
    if (backplaneChoice() != BackplaneChoice.REDIS) {
      return local;
    }
    backplane =
        RedisBackplaneAdapter.start(
            RedisSettings.fromUrl(settings.get(Options.REDIS_URL)),
            node,
            senderKey,
            new RedisBackplaneAdapter.Node() {
              @Override
              public Optional<UserId> userOf(ConnectionId id) {
                return userOf.apply(id);
              }

              @Override
              public Set<ConnectionId> deliver(List<Pusher.Delivery> deliveries) {
                return local.push(deliveries);
              }

              @Override
              public Set<ConnectionId> deliverEvent(
                  Pusher.GroupEvent event, Collection<ConnectionId> to) {
                return local.pushEvent(event, to);
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
                restartSockets.run();
              }
            },
            this::isDead,
            // CacheKeys' prefix: the cache on this same Redis is dropped after an outage.
            settings.get(Options.CACHE) == CacheChoice.REDIS
                ? Optional.of("hc1:*")
                : Optional.empty(),
            BACKPLANE_START);
    return backplane;
  }

  /**
   * Hands over the core (which forgets swept connections) and {@code restartAllSockets} (closes
   * every socket of this node with 1012: they may have missed pushes); starts the heartbeat and the
   * sweep when the store is shared.
   */
  public void attach(Chat core, Runnable restartAllSockets) {
    chat = core;
    restartSockets = restartAllSockets;
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
        mode(),
        BEAT_EVERY.toSeconds(),
        EXPIRY.toSeconds());
  }

  /** Whether this node may accept a socket now: it can promise the socket every push. */
  public boolean admits() {
    return !fenced && (backplane == null || backplane.up());
  }

  /** {@code backplane=…} for the start log line. */
  String describe() {
    return "backplane=" + mode();
  }

  private BackplaneChoice backplaneChoice() {
    return settings.get(Options.BACKPLANE);
  }

  private String mode() {
    return backplaneChoice().name().toLowerCase(Locale.ROOT);
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
    registry.orElseThrow().beat(node, mode(), startedAt, until);
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
      restartSockets.run();
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

  /** Stops the heartbeat, deletes this node's (a clean stop), and stops the backplane. */
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
  }
}
