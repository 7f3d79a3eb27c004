package dev.hoochat.adapters.redis;

import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Outbound adapter: the {@link Pusher} of a standalone node that shares its store with other nodes
 * — every push goes through Redis pub/sub to the node that holds the connection, as Socket.IO's and
 * Centrifugo's Redis engines do (docs/scale-out.md).
 *
 * <p><b>Channels.</b> Each node subscribes, on one connection read by one thread, to one channel of
 * its own, {@code hoochat:bp1:node:<node>}. A push of one message publishes one frame per node that
 * holds any of the target connections: the message as stored and those connection ids ({@link
 * BackplaneFrames}). The receiving node looks each connection's user up in what it holds and works
 * {@code mine} out with {@link SenderKey#isSender}: nothing in transit says which connection is the
 * sender's. A group event ({@link #pushEvent}: unsent, hidden, presence) crosses the same way, one
 * frame per node with the connection ids; it names no member, so nothing is worked out on arrival.
 *
 * <p><b>Order.</b> Deliveries to this node's own connections go through Redis too, never straight
 * to the sockets. The core publishes message n of a group while it holds the group's lease in the
 * table, and {@code PUBLISH} returns once Redis has executed it; message n + 1 is numbered only
 * after that. Redis executes commands one at a time and writes what it publishes to each subscriber
 * connection in that order; each node reads its one subscription on one thread and hands frames to
 * its sockets in arrival order, and the socket pusher keeps call order per connection. So every
 * connection, on every node, receives a group's messages in {@code seq} order — and an {@code
 * unsent} or {@code hidden} event, which the core pushes in the group's turn too, after the message
 * it refers to. A shortcut for local connections would break this: a message posted here could
 * overtake one that another node had already published and that was still on its way through this
 * node's subscription.
 *
 * <p><b>Gone connections.</b> A connection of this node that it no longer holds is reported gone
 * (the core forgets it). A connection of another node is never reported gone, unless {@code isDead}
 * says that node's heartbeat has run out; then its frames would reach nobody.
 *
 * <p><b>Faults.</b> Every second the node publishes a numbered ping to its own channel. While a
 * ping does not come back within {@link #PONG_DEADLINE}, or a publish or the subscription fails,
 * the backplane is down: {@link Node#restartSockets} closes every socket of this node (1012), since
 * any of them may have missed pushes, and {@link #up()} is false, so that no socket is accepted,
 * until the subscription is back and a ping has made the round trip. Then delivery resumes, no
 * restart needed. A frozen Redis (TCP open, nothing answers) is caught by the ping; a subscription
 * stuck on it is torn down and opened again.
 */
public final class RedisBackplaneAdapter implements Pusher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisBackplaneAdapter.class);

  /** How often a node pings itself through Redis. */
  public static final Duration PING_EVERY = Duration.ofSeconds(1);

  /** A ping not back within this marks the backplane down. */
  public static final Duration PONG_DEADLINE = Duration.ofSeconds(3);

  /** Connect and read timeout of the publishing connections. */
  public static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);

  static final String CHANNEL_PREFIX = "hoochat:bp1:node:";

  /** This node's side: what it holds, and what the backplane may do to it. */
  public interface Node {
    /** The user of a connection this node holds open; empty when it holds no such connection. */
    Optional<UserId> userOf(ConnectionId id);

    /** Hands deliveries to this node's sockets, in order; answers the connections that are gone. */
    Set<ConnectionId> deliver(List<Delivery> deliveries);

    /** Hands one event to this node's sockets {@code to}; answers the connections that are gone. */
    Set<ConnectionId> deliverEvent(GroupEvent event, Collection<ConnectionId> to);

    /** Forgets a connection of this node that is gone (in the registry, through the core). */
    void forget(ConnectionId id);

    /** Closes every socket of this node with 1012: they may have missed pushes. */
    void restartSockets();
  }

  private final RedisSettings settings;
  private final NodeId self;
  private final String ownChannel;
  private final SenderKey senderKey;
  private final Node node;
  private final Predicate<NodeId> isDead;
  private final Optional<String> cacheKeys;
  private volatile boolean everUp;
  private final RedisClient publisher;
  private final JedisClientConfig subscriberConfig;
  private final ExecutorService forgetting =
      Executors.newSingleThreadExecutor(r -> daemon(r, "backplane-forget"));
  private final Thread subscriberThread;
  private final Thread livenessThread;

  private final AtomicLong pingsSent = new AtomicLong();
  private volatile long pongSeen = -1;
  private volatile long lastPongNanos = System.nanoTime();
  private volatile long subscribedAfterPing = Long.MAX_VALUE;
  private volatile long attemptStartedNanos = System.nanoTime();
  private volatile boolean up;
  private volatile boolean closing;
  private volatile Jedis subscriber;

  private RedisBackplaneAdapter(
      RedisSettings settings,
      NodeId self,
      SenderKey senderKey,
      Node node,
      Predicate<NodeId> isDead,
      Optional<String> cacheKeys) {
    this.cacheKeys = cacheKeys;
    this.settings = settings.withTimeouts(PUBLISH_TIMEOUT, PUBLISH_TIMEOUT);
    this.self = self;
    this.ownChannel = channel(self);
    this.senderKey = senderKey;
    this.node = node;
    this.isDead = isDead;
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(this.settings.maxConnections());
    pool.setMaxIdle(this.settings.maxConnections());
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(PUBLISH_TIMEOUT);
    pool.setTestOnBorrow(false);
    pool.setJmxEnabled(false);
    this.publisher =
        RedisClient.builder()
            .hostAndPort(this.settings.host(), this.settings.port())
            .clientConfig(
                RedisCacheAdapter.clientConfig(this.settings, "hoochat-backplane").build())
            .poolConfig(pool)
            .build();
    this.subscriberConfig =
        RedisCacheAdapter.clientConfig(this.settings, "hoochat-backplane-" + self).build();
    this.subscriberThread = new Thread(this::subscribeForever, "backplane-subscriber");
    this.subscriberThread.setDaemon(true);
    this.livenessThread = new Thread(this::checkForever, "backplane-liveness");
    this.livenessThread.setDaemon(true);
  }

  /**
   * Subscribes and waits (at most {@code within}) until a ping made the round trip.
   *
   * @throws IllegalStateException when Redis does not answer in time; nothing is left running
   */
  public static RedisBackplaneAdapter start(
      RedisSettings settings,
      NodeId self,
      SenderKey senderKey,
      Node node,
      Predicate<NodeId> isDead,
      Optional<String> cacheKeys,
      Duration within) {
    RedisBackplaneAdapter backplane =
        new RedisBackplaneAdapter(settings, self, senderKey, node, isDead, cacheKeys);
    backplane.subscriberThread.start();
    backplane.livenessThread.start();
    long deadline = System.nanoTime() + within.toNanos();
    while (!backplane.up && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!backplane.up) {
      backplane.close();
      throw new IllegalStateException(
          "the Redis backplane at "
              + settings.address()
              + " did not answer within "
              + within.toSeconds()
              + " s (is --redis-url right, and Redis running?)");
    }
    log.info(
        "event=backplane_started node={} address={} channel={}",
        self,
        settings.address(),
        backplane.ownChannel);
    return backplane;
  }

  static String channel(NodeId node) {
    return CHANNEL_PREFIX + node.value();
  }

  /** Whether pushes reach this node's sockets: subscribed, and the last ping came back in time. */
  public boolean up() {
    return up;
  }

  public NodeId self() {
    return self;
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    Set<ConnectionId> gone = new HashSet<>();
    // One frame per message and node, in the order the deliveries came.
    Map<NodeId, Map<Message, List<ConnectionId>>> byNode = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      NodeId holder = holder(delivery.to(), gone);
      if (holder == null) {
        continue;
      }
      byNode
          .computeIfAbsent(holder, unused -> new LinkedHashMap<>())
          .computeIfAbsent(delivery.message(), unused -> new ArrayList<>())
          .add(delivery.to());
    }
    byNode.forEach(
        (holder, messages) ->
            messages.forEach(
                (message, ids) -> publish(channel(holder), BackplaneFrames.message(message, ids))));
    return gone;
  }

  /**
   * One frame per node holding any of {@code to}, through Redis as messages go (local ones too).
   */
  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    Set<ConnectionId> gone = new HashSet<>();
    Map<NodeId, List<ConnectionId>> byNode = new LinkedHashMap<>();
    for (ConnectionId id : to) {
      NodeId holder = holder(id, gone);
      if (holder != null) {
        byNode.computeIfAbsent(holder, unused -> new ArrayList<>()).add(id);
      }
    }
    byNode.forEach((holder, ids) -> publish(channel(holder), BackplaneFrames.event(event, ids)));
    return gone;
  }

  /**
   * The node a push for {@code id} must go to; null (and {@code id} added to {@code gone}) when it
   * is this node's and no longer held, or its node is known dead.
   */
  private NodeId holder(ConnectionId id, Set<ConnectionId> gone) {
    NodeId holder = id.node().orElse(self);
    if (holder.equals(self) ? node.userOf(id).isEmpty() : isDead.test(holder)) {
      gone.add(id);
      return null;
    }
    return holder;
  }

  private void publish(String channel, String frame) {
    try {
      publisher.publish(channel, frame);
    } catch (JedisException e) {
      // The frame is lost for that node's sockets. This node's own go through the restart at
      // once; another node sees Redis fail on its own ping within the deadline and restarts its.
      down("publish_failed", e);
    }
  }

  /** One frame from this node's channel, on the subscriber thread: in the order Redis sent them. */
  private void received(String text) {
    BackplaneFrames.Frame frame;
    try {
      frame = BackplaneFrames.parse(text);
    } catch (RuntimeException e) {
      log.warn("event=backplane_frame_unreadable reason=\"{}\"", e.getMessage());
      return;
    }
    if (frame instanceof BackplaneFrames.Ping ping) {
      if (ping.number() > pongSeen) {
        pongSeen = ping.number();
        lastPongNanos = System.nanoTime();
      }
      return;
    }
    if (frame instanceof BackplaneFrames.EventForConnections forConnections) {
      receivedEvent(forConnections);
      return;
    }
    BackplaneFrames.ForConnections forConnections = (BackplaneFrames.ForConnections) frame;
    Message message = forConnections.message();
    List<Delivery> deliveries = new ArrayList<>();
    List<ConnectionId> gone = new ArrayList<>();
    Map<UserId, Boolean> mineOf = new HashMap<>();
    for (ConnectionId id : forConnections.to()) {
      Optional<UserId> user = node.userOf(id);
      if (user.isEmpty()) {
        gone.add(id);
        continue;
      }
      boolean mine = mineOf.computeIfAbsent(user.get(), u -> senderKey.isSender(message, u));
      deliveries.add(new Delivery(id, message.groupId(), message, mine));
    }
    if (!deliveries.isEmpty()) {
      gone.addAll(node.deliver(deliveries));
    }
    for (ConnectionId id : gone) {
      forgetting.execute(() -> forget(id));
    }
  }

  /** An event for some of this node's connections: handed on to those it still holds. */
  private void receivedEvent(BackplaneFrames.EventForConnections frame) {
    List<ConnectionId> held = new ArrayList<>();
    List<ConnectionId> gone = new ArrayList<>();
    for (ConnectionId id : frame.to()) {
      (node.userOf(id).isPresent() ? held : gone).add(id);
    }
    if (!held.isEmpty()) {
      gone.addAll(node.deliverEvent(frame.event(), held));
    }
    for (ConnectionId id : gone) {
      forgetting.execute(() -> forget(id));
    }
  }

  private void forget(ConnectionId id) {
    try {
      node.forget(id);
    } catch (RuntimeException e) {
      log.debug("event=backplane_forget_failed reason=\"{}\"", e.getMessage());
    }
  }

  private void subscribeForever() {
    while (!closing) {
      attemptStartedNanos = System.nanoTime();
      try (Jedis jedis =
          new Jedis(new HostAndPort(settings.host(), settings.port()), subscriberConfig)) {
        subscriber = jedis;
        jedis.subscribe(
            new JedisPubSub() {
              @Override
              public void onSubscribe(String channel, int count) {
                subscribedAfterPing = pingsSent.get();
              }

              @Override
              public void onMessage(String channel, String message) {
                received(message);
              }
            },
            ownChannel);
      } catch (JedisException | IllegalArgumentException e) {
        if (!closing) {
          down("subscription_lost", e);
        }
      } catch (RuntimeException e) {
        log.error("event=backplane_subscriber_failed", e);
        if (!closing) {
          down("subscription_lost", e);
        }
      }
      subscriber = null;
      subscribedAfterPing = Long.MAX_VALUE;
      if (!closing) {
        sleep(Duration.ofMillis(250));
      }
    }
  }

  private void checkForever() {
    while (!closing) {
      long number = pingsSent.incrementAndGet();
      try {
        publisher.publish(ownChannel, BackplaneFrames.ping(number));
      } catch (JedisException e) {
        if (up) {
          down("ping_failed", e);
        }
      }
      long now = System.nanoTime();
      if (up) {
        if (now - lastPongNanos > PONG_DEADLINE.toNanos()) {
          down("ping_not_back", null);
        }
      } else if (pongSeen > subscribedAfterPing && subscribedAfterPing != Long.MAX_VALUE) {
        comeUp();
      } else if (subscribedAfterPing == Long.MAX_VALUE
          && now - attemptStartedNanos > PONG_DEADLINE.toNanos()) {
        // A subscribe that Redis never answered (frozen): start over on a new connection.
        disconnectSubscriber();
      }
      sleep(up ? PING_EVERY : Duration.ofMillis(200));
    }
  }

  private synchronized void comeUp() {
    if (up || closing) {
      return;
    }
    if (everUp && cacheKeys.isPresent()) {
      try {
        long dropped = dropCache(cacheKeys.get());
        log.info("event=backplane_cache_dropped node={} keys={}", self, dropped);
      } catch (JedisException e) {
        return;
      }
    }
    lastPongNanos = System.nanoTime();
    everUp = true;
    up = true;
    log.info("event=backplane_up node={}", self);
  }

  private long dropCache(String pattern) {
    long dropped = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(pattern).count(1_000);
    do {
      ScanResult<String> page = publisher.scan(cursor, params);
      if (!page.getResult().isEmpty()) {
        dropped += publisher.unlink(page.getResult().toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return dropped;
  }

  private synchronized void down(String reason, Exception cause) {
    if (closing) {
      return;
    }
    boolean wasUp = up;
    up = false;
    subscribedAfterPing = Long.MAX_VALUE;
    if (wasUp) {
      log.warn(
          "event=backplane_down node={} reason={} detail=\"{}\" effect=\"sockets closed with 1012,"
              + " new ones refused until Redis answers again\"",
          self,
          reason,
          cause == null ? "" : String.valueOf(cause.getMessage()).replaceAll("\\s*\\R\\s*", " "));
      node.restartSockets();
      disconnectSubscriber();
    }
  }

  private void disconnectSubscriber() {
    Jedis current = subscriber;
    if (current != null) {
      try {
        current.disconnect();
      } catch (RuntimeException e) {
        log.debug("event=backplane_disconnect_failed reason=\"{}\"", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    up = false;
    disconnectSubscriber();
    subscriberThread.interrupt();
    livenessThread.interrupt();
    forgetting.shutdown();
    try {
      forgetting.awaitTermination(2, TimeUnit.SECONDS);
      subscriberThread.join(2_000);
      livenessThread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      publisher.close();
    } catch (JedisException e) {
      log.debug("event=backplane_close_failed reason=\"{}\"", e.getMessage());
    }
    log.info("event=backplane_stopped node={}", self);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
