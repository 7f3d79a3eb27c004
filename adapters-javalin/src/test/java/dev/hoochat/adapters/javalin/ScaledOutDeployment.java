package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.wiring.BackplaneChoice;
import dev.hoochat.wiring.CacheChoice;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Several standalone servers in this JVM on one dynalite table and one Redis, with {@code
 * --backplane redis} (docs/scale-out.md). The suite spreads its calls and sockets over them; what
 * crosses the backplane is captured by a Redis subscriber of its own, as any client of that Redis
 * could, and counted among what the deployment "stores" for the anonymity test.
 */
final class ScaledOutDeployment implements ChatDeployment {
  private final List<StandaloneDeployment> nodes;
  private final RedisTestServer redis;
  private final ServerConfig config;
  private final Capture capture;

  private ScaledOutDeployment(
      List<StandaloneDeployment> nodes, RedisTestServer redis, ServerConfig config, Capture c) {
    this.nodes = nodes;
    this.redis = redis;
    this.config = config;
    this.capture = c;
  }

  /** {@code count} nodes on a fresh table and a Redis of their own. */
  static ScaledOutDeployment start(int count) {
    DynaliteLauncher dynalite = DynaliteLauncher.shared();
    RedisTestServer redis = RedisTestServer.startLocal();
    ServerConfig config =
        DynaliteTables.serverOn(dynalite.endpoint())
            .cache(CacheChoice.REDIS)
            .redisUrl(URI.create(redis.url()))
            .backplane(BackplaneChoice.REDIS)
            .build();
    Capture capture = Capture.start(redis.port());
    List<StandaloneDeployment> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(
          StandaloneDeployment.start(
              config, () -> DynaliteTables.scan(dynalite.endpoint(), config.dynamoDbTable())));
    }
    return new ScaledOutDeployment(nodes, redis, config, capture);
  }

  List<StandaloneDeployment> nodes() {
    return nodes;
  }

  RedisTestServer redis() {
    return redis;
  }

  ServerConfig config() {
    return config;
  }

  /** Every frame published on the backplane since the start, as (channel, payload). */
  List<Map.Entry<String, String>> published() {
    return List.copyOf(capture.frames);
  }

  @Override
  public URI baseUri() {
    return nodes.get(0).baseUri();
  }

  @Override
  public List<URI> baseUris() {
    return nodes.stream().map(StandaloneDeployment::baseUri).toList();
  }

  @Override
  public List<String> storedTexts() {
    List<String> texts = new ArrayList<>(nodes.get(0).storedTexts());
    for (int i = 1; i < nodes.size(); i++) {
      texts.addAll(nodes.get(i).storedTexts().stream().filter(t -> !texts.contains(t)).toList());
    }
    capture.frames.forEach(f -> texts.add(f.getValue()));
    return texts;
  }

  /** What the shared table and the cache hold now; frames in flight are not held. */
  @Override
  public List<String> heldTexts() {
    List<String> texts = new ArrayList<>(nodes.get(0).heldTexts());
    for (int i = 1; i < nodes.size(); i++) {
      texts.addAll(nodes.get(i).heldTexts().stream().filter(t -> !texts.contains(t)).toList());
    }
    return texts;
  }

  /** The nodes' counters added up, series by series: the deployment's traffic as one. */
  @Override
  public Optional<String> metrics() {
    Map<String, Double> sums = new TreeMap<>();
    for (StandaloneDeployment node : nodes) {
      for (String line : node.metrics().orElseThrow().split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        sums.merge(
            line.substring(0, space), Double.parseDouble(line.substring(space + 1)), Double::sum);
      }
    }
    StringBuilder text = new StringBuilder();
    sums.forEach((series, value) -> text.append(series).append(' ').append(value).append('\n'));
    return Optional.of(text.toString());
  }

  @Override
  public void close() {
    for (StandaloneDeployment node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        // the others still close
      }
    }
    capture.close();
    redis.close();
  }

  /** A Redis subscriber to every backplane channel. */
  private static final class Capture implements AutoCloseable {
    final List<Map.Entry<String, String>> frames;
    private final JedisPubSub listener;

    private Capture(List<Map.Entry<String, String>> frames, JedisPubSub listener) {
      this.frames = frames;
      this.listener = listener;
    }

    static Capture start(int port) {
      CountDownLatch subscribed = new CountDownLatch(1);
      List<Map.Entry<String, String>> sink = new CopyOnWriteArrayList<>();
      JedisPubSub listener =
          new JedisPubSub() {
            @Override
            public void onPSubscribe(String pattern, int count) {
              subscribed.countDown();
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
              if (!message.contains("kind=ping")) {
                sink.add(Map.entry(channel, message));
              }
            }
          };
      Thread thread =
          new Thread(
              () -> {
                try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                  jedis.psubscribe(listener, "hoochat:bp1:*");
                } catch (RuntimeException e) {
                  // Redis stopped under it: the capture ends.
                }
              },
              "backplane-capture");
      thread.setDaemon(true);
      thread.start();
      try {
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the capture did not subscribe");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Capture(sink, listener);
    }

    @Override
    public void close() {
      try {
        listener.punsubscribe();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }
}
