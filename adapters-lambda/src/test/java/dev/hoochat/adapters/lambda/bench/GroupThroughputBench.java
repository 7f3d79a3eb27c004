package dev.hoochat.adapters.lambda.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.adapters.lambda.LocalBackends;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts per second that ONE busy group takes on the Lambda handlers (issue 15), with every
 * {@code @connections} push taking as long as on AWS.
 *
 * <p>A 50-member group, every member with one WebSocket open through the local gateway; {@code
 * posters} of them post over their socket ({@code sendMessage}) as fast as their acks come back
 * (closed loop). Behind the gateway run {@code environments} execution environments, each its own
 * {@link LambdaRuntime} (own DynamoDB client, own group locks, own push threads) taking one
 * invocation at a time, as Lambda does; they share dynalite (the store, and so the group's lease
 * item) and Redis (the cache). Each push to {@code @connections} takes {@code pushMs}.
 *
 * <p>Reports acknowledged posts/s over the measured interval, the p50/p99 time from sending a post
 * to its delivery at the last of the 50 members, and checks that every member received every
 * message once, in {@code seq} order. Run: see docs/performance.md, "One busy group".
 */
public final class GroupThroughputBench {
  private static final Logger log = LoggerFactory.getLogger(GroupThroughputBench.class);
  private static final int MEMBERS = 50;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private GroupThroughputBench() {}

  public static void main(String[] args) throws Exception {
    int posters = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long pushMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
    int environments = args.length > 3 ? Integer.parseInt(args[3]) : posters;

    boolean ok;
    try (RedisTestServer redis = RedisTestServer.startLocal()) {
      DynamoDbSettings dynamo = LocalBackends.freshTable("throughput");
      Map<String, String> env = new HashMap<>(LambdaDeployment.localEnvironment());
      env.put("HOOCHAT_STORE", "dynamodb");
      env.put("HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString());
      env.put("HOOCHAT_DYNAMODB_TABLE", dynamo.table());
      env.put("HOOCHAT_CACHE", "redis");
      env.put("HOOCHAT_REDIS_URL", redis.url());
      env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
      env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
      String concurrency = System.getenv("HOOCHAT_PUSH_CONCURRENCY");
      if (concurrency != null) {
        env.put("HOOCHAT_PUSH_CONCURRENCY", concurrency);
      }

      Environments pool = new Environments(environments);
      LocalGateway gateway =
          LocalGateway.start(
              LocalGateway.Routes.of(SamTemplate.load()), endpoint -> pool.start(env, endpoint));
      try {
        ok = run(gateway, pool, posters, seconds, pushMs, environments, env);
      } finally {
        gateway.close();
        pool.close();
      }
    }
    // The clients' and the runtimes' pools hold non-daemon threads.
    System.exit(ok ? 0 : 1);
  }

  private static boolean run(
      LocalGateway gateway,
      Environments pool,
      int posters,
      int seconds,
      long pushMs,
      int environments,
      Map<String, String> env)
      throws Exception {
    // The group, set up through the core of one environment: 50 sign-ups over REST would only
    // measure password hashing.
    LambdaRuntime first = pool.all.get(0);
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      sessions.add(
          first
              .chat()
              .signUp()
              .signUp(
                  SignUp.of(
                      "busy" + i + "_" + UUID.randomUUID().toString().substring(0, 6),
                      "correct horse")));
    }
    String groupId =
        first
            .chat()
            .createGroup()
            .create(
                new CreateGroup(
                    new Principal(sessions.get(0).userId(), sessions.get(0).handle()),
                    GroupName.of("busy"),
                    sessions.subList(1, MEMBERS).stream().map(Session::handle).toList()))
            .id()
            .value();
    ChatClient client = new ChatClient(gateway.baseUri());
    List<ChatSocket> sockets = new ArrayList<>();
    for (Session s : sessions) {
      sockets.add(client.connect(s.token()));
    }
    gateway.delayPushes(Duration.ofMillis(pushMs));

    // Warm-up: each poster posts for 3 s, not measured (but checked for order like the rest).
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<String> refusals = new CopyOnWriteArrayList<>();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            posters,
            work -> {
              Thread thread = new Thread(work, "poster");
              thread.setDaemon(true);
              return thread;
            });
    Tally warm =
        postAll(
            threads, sockets, posters, groupId, "w", TimeUnit.SECONDS.toNanos(3), sentAt, refusals);
    Map<String, Long> measured = new ConcurrentHashMap<>();
    List<String> measuredRefusals = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    Tally tally =
        postAll(
            threads,
            sockets,
            posters,
            groupId,
            "p",
            TimeUnit.SECONDS.toNanos(seconds),
            measured,
            measuredRefusals);
    int posts = tally.acked();
    double elapsed = (System.nanoTime() - start) / 1e9;
    threads.shutdown();

    int total = warm.acked() + posts;
    for (ChatSocket socket : sockets) {
      socket.awaitMessages(groupId, total, WAIT);
    }
    String problems = verify(sockets, groupId, total);
    double[] lastDelivery = lastDeliveryMillis(sockets, groupId, measured);
    Arrays.sort(lastDelivery);
    String line =
        String.format(
            Locale.ROOT,
            "one busy group | %d members, %d posters, %d environments, push %d ms, push"
                + " concurrency %s | %d posts in %.1f s: %.1f posts/s | post -> last delivery"
                + " p50 %.0f ms, p99 %.0f ms | refused %d %s | every member got every message"
                + " once in seq order: %s",
            MEMBERS,
            posters,
            environments,
            pushMs,
            LambdaSettings.fromEnvironment(env).pushConcurrency()
                + ", http.maxConnections "
                + System.getProperty("http.maxConnections"),
            posts,
            elapsed,
            posts / elapsed,
            percentile(lastDelivery, 50),
            percentile(lastDelivery, 99),
            tally.refused(),
            new java.util.TreeSet<>(measuredRefusals),
            problems.isEmpty() ? "yes" : "NO: " + problems);
    log.info("{}", line);
    System.out.println(line);
    sockets.forEach(ChatSocket::close);
    return problems.isEmpty();
  }

  private static Tally postAll(
      ExecutorService threads,
      List<ChatSocket> sockets,
      int posters,
      String groupId,
      String prefix,
      long nanos,
      Map<String, Long> sentAt,
      List<String> refusals)
      throws Exception {
    long end = System.nanoTime() + nanos;
    List<Future<Tally>> runs = new ArrayList<>();
    for (int p = 0; p < posters; p++) {
      ChatSocket socket = sockets.get(p);
      String name = prefix + p;
      runs.add(threads.submit(() -> postUntil(socket, groupId, name, end, sentAt, refusals)));
    }
    int acked = 0;
    int refused = 0;
    for (Future<Tally> f : runs) {
      acked += f.get().acked();
      refused += f.get().refused();
    }
    return new Tally(acked, refused);
  }

  /** What one poster got: acks, and refusals (an error frame, e.g. the lease wait ran out). */
  private record Tally(int acked, int refused) {}

  /**
   * Posts one message at a time until {@code end}, each after the previous one's answer; a refused
   * post is counted and not retried (its message does not exist).
   */
  private static Tally postUntil(
      ChatSocket socket,
      String groupId,
      String name,
      long end,
      Map<String, Long> sentAt,
      List<String> refusals) {
    int acked = 0;
    int refused = 0;
    int n = 0;
    while (System.nanoTime() < end) {
      String body = name + "-" + n++;
      long sent = System.nanoTime();
      socket.send(
          ChatClient.json(
                  "action",
                  "sendMessage",
                  "groupId",
                  groupId,
                  "body",
                  body,
                  "clientMessageId",
                  body)
              .toString());
      JsonNode answer = awaitAnswer(socket, body);
      if ("ack".equals(answer.path("type").asText())) {
        sentAt.put(body, sent);
        acked++;
      } else {
        refusals.add(answer.path("code").asText());
        refused++;
      }
    }
    return new Tally(acked, refused);
  }

  private static JsonNode awaitAnswer(ChatSocket socket, String clientMessageId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> frames = socket.frames();
      for (int i = frames.size() - 1; i >= 0; i--) {
        JsonNode f = frames.get(i);
        if (f != null && clientMessageId.equals(f.path("clientMessageId").asText(null))) {
          return f;
        }
      }
      try {
        TimeUnit.MILLISECONDS.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no answer to " + clientMessageId);
  }

  /** Empty when every socket holds exactly the same seqs, each once, in increasing order. */
  private static String verify(List<ChatSocket> sockets, String groupId, int total) {
    List<Long> reference = null;
    StringBuilder problems = new StringBuilder();
    for (int i = 0; i < sockets.size(); i++) {
      List<Long> seqs =
          sockets.get(i).messages(groupId).stream().map(m -> m.path("seq").asLong()).toList();
      for (int k = 1; k < seqs.size(); k++) {
        if (seqs.get(k) <= seqs.get(k - 1)) {
          problems.append("member ").append(i).append(" out of order at ").append(k).append("; ");
          break;
        }
      }
      if (seqs.size() != total) {
        problems.append("member ").append(i).append(" got ").append(seqs.size()).append("; ");
      }
      if (reference == null) {
        reference = seqs;
      } else if (!reference.equals(seqs)) {
        problems.append("member ").append(i).append(" differs; ");
      }
    }
    return problems.toString();
  }

  private static double[] lastDeliveryMillis(
      List<ChatSocket> sockets, String groupId, Map<String, Long> sentAt) {
    Map<String, Long> last = new HashMap<>();
    for (ChatSocket socket : sockets) {
      List<JsonNode> frames = socket.frames();
      for (JsonNode frame : frames) {
        if (frame == null
            || !"message".equals(frame.path("type").asText())
            || !groupId.equals(frame.path("groupId").asText())) {
          continue;
        }
        String body = frame.path("body").asText();
        if (!sentAt.containsKey(body)) {
          continue;
        }
        long arrived = socket.arrivalNanos(f -> f == frame);
        last.merge(body, arrived, Math::max);
      }
    }
    return last.entrySet().stream()
        .mapToDouble(e -> (e.getValue() - sentAt.get(e.getKey())) / 1e6)
        .toArray();
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Execution environments: each a runtime of its own taking one invocation at a time; an
   * invocation goes to an idle one, and waits for one when all are busy, as Lambda's concurrency
   * would scale out (here bounded by {@code count}).
   */
  private static final class Environments implements AutoCloseable {
    final List<LambdaRuntime> all = new ArrayList<>();
    private final BlockingQueue<LambdaRuntime> idle;
    private final int count;

    Environments(int count) {
      this.count = count;
      this.idle = new ArrayBlockingQueue<>(count);
    }

    LocalGateway.Functions start(Map<String, String> env, URI endpoint) {
      Map<String, String> mine = new HashMap<>(env);
      mine.put("HOOCHAT_WEBSOCKET_ENDPOINT", endpoint.toString());
      for (int i = 0; i < count; i++) {
        LambdaRuntime runtime =
            LambdaRuntime.start(
                LambdaSettings.fromEnvironment(mine), PortMetrics.NONE, UnaryOperator.identity());
        all.add(runtime);
        idle.add(runtime);
      }
      Map<LambdaRuntime, LocalGateway.Functions> functions = new HashMap<>();
      for (LambdaRuntime runtime : all) {
        functions.put(runtime, LambdaDeployment.functionsOf(runtime));
      }
      return new LocalGateway.Functions(
          onIdle(functions, LocalGateway.Functions::http),
          onIdle(functions, LocalGateway.Functions::webSocket),
          onIdle(functions, LocalGateway.Functions::authorizer));
    }

    private LambdaFunction onIdle(
        Map<LambdaRuntime, LocalGateway.Functions> functions,
        Function<LocalGateway.Functions, LambdaFunction> which) {
      return event -> {
        LambdaRuntime runtime;
        try {
          runtime = idle.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        try {
          return which.apply(functions.get(runtime)).invoke(event);
        } finally {
          idle.add(runtime);
        }
      };
    }

    @Override
    public void close() {
      all.forEach(LambdaRuntime::close);
    }
  }
}
