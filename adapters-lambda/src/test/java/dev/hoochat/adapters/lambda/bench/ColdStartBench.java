package dev.hoochat.adapters.lambda.bench;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.lambda.ApiGatewayEvents;
import dev.hoochat.adapters.lambda.ConnectionsEndpointStub;
import dev.hoochat.adapters.lambda.CountingPortMetricsAdapter;
import dev.hoochat.adapters.lambda.LocalBackends;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.adapters.lambda.localruntime.JarFunction;
import dev.hoochat.apiclient.PortCalls;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of the Lambda functions, measured in fresh JVMs, and the cache's fan-out comparison.
 *
 * <p>Sets up a 50-member group with 50 open connections on dynalite (store) and Redis (cache),
 * through the functions' own code, so the cache is warm as in steady state. Then, for each jar
 * (one, or several separated by commas) and each JVM flag set — default, the template's C1, and
 * both again with the functions' AppCDS archives when {@link CdsArchive} has left them next to the
 * jar — starts {@code runs} fresh execution environments per function, every variant in turn within
 * a run: the shaded jar under the Lambda runtime interface client ({@link JarFunction}), as Lambda
 * runs it. It reports the median time from process launch to the runtime's "started" log line (JVM
 * boot, runtime client, the function's init) and to the first answer of the authorizer and of
 * {@code sendMessage} (a new message each time, pushed to 50 connections through the real SDK to a
 * loopback {@code @connections}), and the median processor time the JVM had used by its answer.
 * Last, in this JVM, the time per posted message and the store reads per message with the cache off
 * and on.
 *
 * <p>Run (after {@code mvn -q -pl adapters-lambda -am package -DskipTests}): see the README.
 */
public final class ColdStartBench {
  private static final Logger log = LoggerFactory.getLogger(ColdStartBench.class);
  private static final String TABLE = "hoochat-bench";
  private static final int MEMBERS = 50;
  static final String DEFAULT_JAR = "adapters-lambda/target/hoochat-lambda.jar";
  static final String AUTHORIZER = "AuthorizerFunction";
  static final String WEBSOCKET = "WebSocketFunction";

  /**
   * Extra JVM flags for every probed function, space-separated (profiling: {@code
   * -Xlog:class+load:file=/tmp/cl-%p.log:uptime}, {@code -XX:StartFlightRecording=...}).
   */
  static final String EXTRA_FLAGS_PROPERTY = "hoochat.bench.jvmFlags";

  /**
   * {@code -Dhoochat.bench.templateFlagsOnly=true}: only the template's flags ({@code
   * -XX:TieredStopAtLevel=1}), not the JVM's defaults too; half the probes.
   */
  static final String TEMPLATE_FLAGS_ONLY_PROPERTY = "hoochat.bench.templateFlagsOnly";

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    // One jar, or several separated by commas (a before and an after, measured side by side).
    List<Path> jars = new ArrayList<>();
    for (String name : (args.length > 1 ? args[1] : DEFAULT_JAR).split(",")) {
      Path jar = Path.of(name);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("no shaded jar at " + jar + ": run mvn package first");
      }
      jars.add(jar);
    }
    try (RedisTestServer redis = RedisTestServer.startLocal();
        ConnectionsEndpointStub connections = new ConnectionsEndpointStub()) {
      Backdrop backdrop = Backdrop.start(redis, connections);
      Map<String, String> env = backdrop.env();
      Map<String, String> here = backdrop.here();
      Fixture fixture = backdrop.fixture();
      Map<String, String> handlers = SamTemplate.load().handlers();
      List<String> extra = extraFlags();

      // Run by run, every variant in turn: a machine that gets busier or quieter meanwhile weighs
      // on all of them alike.
      List<Variant> variants = new ArrayList<>();
      for (Path jar : jars) {
        variants.addAll(variants(jar, jars.size() > 1));
      }
      Map<Variant, List<Sample>> authorizer = new LinkedHashMap<>();
      Map<Variant, List<Sample>> send = new LinkedHashMap<>();
      for (int run = 0; run < runs; run++) {
        for (Variant variant : variants) {
          authorizer
              .computeIfAbsent(variant, v -> new ArrayList<>())
              .add(
                  probe(
                      variant.jar(),
                      handlers.get(AUTHORIZER),
                      variant.flags(AUTHORIZER, extra),
                      env,
                      backdrop.authorizerEvent()));
          send.computeIfAbsent(variant, v -> new ArrayList<>())
              .add(
                  probe(
                      variant.jar(),
                      handlers.get(WEBSOCKET),
                      variant.flags(WEBSOCKET, extra),
                      env,
                      backdrop.sendMessageEvent()));
        }
      }
      List<String> report = new ArrayList<>();
      for (Variant variant : variants) {
        report.add(line("authorizer", variant.name(), authorizer.get(variant)));
        report.add(line("sendMessage (50 members)", variant.name(), send.get(variant)));
      }
      report.addAll(fanOutComparison(here, fixture));
      report.add("probes repeated because the store timed out: " + repeated.get());
      report.forEach(r -> log.info("{}", r));
    }
  }

  /**
   * What the probed functions run against: dynalite and Redis with the 50-member group, the
   * functions' environment, and the two events (a repeat authorizer request, a {@code sendMessage}
   * from a connection the function has not seen).
   */
  record Backdrop(Map<String, String> env, Map<String, String> here, Fixture fixture) {
    static Backdrop start(RedisTestServer redis, ConnectionsEndpointStub connections) {
      DynamoDbSettings dynamo = DynamoDbSettings.local(DynaliteLauncher.shared().endpoint(), TABLE);
      try (DynamoDbClient client = DynamoDbStores.client(dynamo)) {
        dynamo.tableDefinition().createIfMissing(client, Duration.ofSeconds(30));
      }
      Map<String, String> env = new HashMap<>();
      env.put("HOOCHAT_STORE", "dynamodb");
      env.put("HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString());
      env.put("HOOCHAT_DYNAMODB_TABLE", TABLE);
      env.put("HOOCHAT_CACHE", "redis");
      env.put("HOOCHAT_REDIS_URL", redis.url());
      env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
      env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
      env.put("HOOCHAT_POST_LIMIT", "0");
      env.put("HOOCHAT_WEBSOCKET_ENDPOINT", connections.endpoint().toString());
      env.put("AWS_REGION", "us-east-1");
      // As in Lambda: credentials from the environment, through the SDK's default chain.
      env.put("AWS_ACCESS_KEY_ID", "local");
      env.put("AWS_SECRET_ACCESS_KEY", "local");

      // This JVM's own runtimes cannot read the children's environment: explicit keys instead.
      Map<String, String> here = new HashMap<>(env);
      // Fifty sign-ups at the production cost would take a minute; the probed functions keep it,
      // as their start must not depend on it.
      here.put("HOOCHAT_PASSWORD_ITERATIONS", "1000");
      here.put("HOOCHAT_AWS_ACCESS_KEY_ID", "local");
      here.put("HOOCHAT_AWS_SECRET_ACCESS_KEY", "local");
      return new Backdrop(env, here, setUp(here));
    }

    String authorizerEvent() {
      return ApiGatewayEvents.json("authorizer-http.json", fixture.vars);
    }

    /**
     * A {@code sendMessage} with a client message id of its own: a repeated id would be answered
     * from the idempotency record, without a post or a push. (The id sits in the frame, a JSON
     * string inside the event, hence the escaped quotes.)
     */
    String sendMessageEvent() {
      return ApiGatewayEvents.json("ws-send-message.json", fixture.vars)
          .replace("\\\"c-1\\\"", "\\\"cold-" + UUID.randomUUID() + "\\\"");
    }
  }

  /**
   * One set of JVM flags the functions are started with; {@code archive} names the function's
   * AppCDS archive when the set uses one.
   */
  private record Variant(String name, Path jar, List<String> base, Function<String, Path> archive) {
    List<String> flags(String function, List<String> extra) {
      List<String> flags = new ArrayList<>(base);
      if (archive != null) {
        flags.add("-XX:SharedArchiveFile=" + archive.apply(function));
        flags.add("-Xshare:auto");
      }
      flags.addAll(extra);
      return flags;
    }
  }

  /**
   * Default flags and the template's, each without and — when {@code bin/cds-archive} has left
   * archives next to the jar — with the functions' AppCDS archives.
   */
  private static List<Variant> variants(Path jar, boolean named) {
    List<Variant> variants = new ArrayList<>();
    String prefix = named ? jar.getFileName() + ": " : "";
    List<String> template = List.of("-XX:TieredStopAtLevel=1");
    List<List<String>> flagSets =
        Boolean.getBoolean(TEMPLATE_FLAGS_ONLY_PROPERTY)
            ? List.of(template)
            : List.of(List.of(), template);
    for (List<String> flags : flagSets) {
      variants.add(new Variant(prefix + flagName(flags), jar, flags, null));
    }
    boolean archived =
        Files.isRegularFile(CdsArchive.of(jar, AUTHORIZER))
            && Files.isRegularFile(CdsArchive.of(jar, WEBSOCKET));
    if (archived) {
      for (List<String> flags : flagSets) {
        variants.add(
            new Variant(
                prefix + flagName(flags) + " + AppCDS", jar, flags, f -> CdsArchive.of(jar, f)));
      }
    } else {
      log.info(
          "no AppCDS archives next to {}: run adapters-lambda/bin/cds-archive to compare", jar);
    }
    return variants;
  }

  private static String flagName(List<String> flags) {
    return flags.isEmpty() ? "default JVM flags" : String.join(" ", flags);
  }

  static List<String> extraFlags() {
    String extra = System.getProperty(EXTRA_FLAGS_PROPERTY, "").strip();
    return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
  }

  /** 50 users in one group, each with one open connection, and the caches warm. */
  static Fixture setUp(Map<String, String> env) {
    try (LambdaRuntime runtime =
        LambdaRuntime.start(
            LambdaSettings.fromEnvironment(env), PortMetrics.NONE, UnaryOperator.identity())) {
      List<Principal> members = new ArrayList<>();
      Session first = null;
      for (int i = 0; i < MEMBERS; i++) {
        Session s =
            runtime
                .chat()
                .signUp()
                .signUp(
                    SignUp.of(
                        "bench" + i + "_" + UUID.randomUUID().toString().substring(0, 6),
                        "correct horse"));
        first = first == null ? s : first;
        members.add(new Principal(s.userId(), s.handle()));
      }
      Group group =
          runtime
              .chat()
              .createGroup()
              .create(
                  new CreateGroup(
                      members.get(0),
                      GroupName.of("bench"),
                      members.subList(1, MEMBERS).stream().map(Principal::handle).toList()));
      for (int i = 0; i < MEMBERS; i++) {
        runtime.chat().openConnection().open(members.get(i), new ConnectionId("bench-" + i));
      }
      runtime
          .chat()
          .postMessage()
          .post(
              new PostMessage(
                  members.get(0), group.id(), new MessageBody("warm-up"), Optional.empty()));
      Map<String, String> vars = new HashMap<>();
      vars.put("token", first.token());
      vars.put("userId", first.userId().value());
      vars.put("handle", first.handle().value());
      vars.put("groupId", group.id().value());
      vars.put("connectionId", "bench-0");
      return new Fixture(vars, members, group);
    }
  }

  record Fixture(Map<String, String> vars, List<Principal> members, Group group) {}

  /**
   * One fresh execution environment: launch to "started", launch to the first answer, and the
   * processor time the JVM had used by then.
   */
  private record Sample(double startedMs, double answeredMs, double cpuMs) {}

  /** Probes repeated because the function answered that the store was unreachable. */
  private static final AtomicInteger repeated = new AtomicInteger();

  /**
   * {@link #attempt}, repeated (up to twice) when the store timed out: on a busy machine a cold
   * JVM's first DynamoDB call can exceed the client's short timeouts against dynalite, and that
   * sample would measure the timeout, not the start.
   */
  private static Sample probe(
      Path jar, String handler, List<String> flags, Map<String, String> env, String event) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(jar, handler, flags, env, event);
      } catch (StoreTimedOut e) {
        if (attempt == 3) {
          throw e;
        }
        repeated.incrementAndGet();
        log.warn("probe repeated: {}", e.getMessage());
      }
    }
  }

  private static final class StoreTimedOut extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StoreTimedOut(String answer) {
      super("the store timed out: " + answer);
    }
  }

  private static Sample attempt(
      Path jar, String handler, List<String> flags, Map<String, String> env, String event) {
    AtomicLong startedAt = new AtomicLong();
    try (JarFunction function =
        JarFunction.start(
            jar,
            handler,
            env,
            flags,
            line -> {
              if (line.contains("event=started")) {
                startedAt.compareAndSet(0, System.nanoTime());
              }
            })) {
      String answer = function.invoke(event);
      long answeredAt = System.nanoTime();
      log.debug("probe pid={} handler={} flags={}", function.pid(), handler, flags);
      double cpuMs = function.cpuTime().toNanos() / 1e6;
      if (answer.contains("\\\"unavailable\\\"")) {
        throw new StoreTimedOut(answer);
      }
      if (!answer.contains("isAuthorized\":true") && !answer.contains("\\\"ack\\\"")) {
        throw new IllegalStateException("unexpected answer: " + answer);
      }
      return new Sample(
          (startedAt.get() - function.launchedAt()) / 1e6,
          (answeredAt - function.launchedAt()) / 1e6,
          cpuMs);
    }
  }

  private static String line(String function, String flags, List<Sample> samples) {
    return String.format(
        Locale.ROOT,
        "cold start | %-24s | %-50s | launch->answer median %6.0f ms (min %4.0f, max %4.0f) |"
            + " launch->started %5.0f ms | CPU by the answer %5.0f ms | runs %d",
        function,
        flags,
        median(samples.stream().mapToDouble(Sample::answeredMs).toArray()),
        samples.stream().mapToDouble(Sample::answeredMs).min().orElse(0),
        samples.stream().mapToDouble(Sample::answeredMs).max().orElse(0),
        median(samples.stream().mapToDouble(Sample::startedMs).toArray()),
        median(samples.stream().mapToDouble(Sample::cpuMs).toArray()),
        samples.size());
  }

  /**
   * The cache's comparison, in this (warm) JVM: one message to the 50-member group, posted over and
   * over, with the cache off and on — time per message and port calls per message.
   */
  private static List<String> fanOutComparison(Map<String, String> env, Fixture fixture) {
    List<String> lines = new ArrayList<>();
    for (String cache : List.of("none", "redis")) {
      Map<String, String> variant = new HashMap<>(env);
      variant.put("HOOCHAT_CACHE", cache);
      CountingPortMetricsAdapter metrics = new CountingPortMetricsAdapter();
      try (LambdaRuntime runtime =
          LambdaRuntime.start(
              LambdaSettings.fromEnvironment(variant), metrics, UnaryOperator.identity())) {
        Principal sender = fixture.members().get(0);
        for (int i = 0; i < 30; i++) {
          post(runtime, sender, fixture.group());
        }
        PortCalls before = PortCalls.parse(metrics.prometheusText());
        int messages = 200;
        double[] millis = new double[messages];
        for (int i = 0; i < messages; i++) {
          long start = System.nanoTime();
          post(runtime, sender, fixture.group());
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        PortCalls calls = PortCalls.parse(metrics.prometheusText()).minus(before);
        java.util.Arrays.sort(millis);
        lines.add(
            String.format(
                Locale.ROOT,
                "fan-out    | cache %-5s | 50 members | per message median %6.2f ms, p90 %6.2f ms |"
                    + " store reads %5.2f, cache reads %4.2f, cache writes %4.2f, pushes %5.1f per message",
                cache,
                millis[messages / 2],
                millis[messages * 9 / 10],
                (double) calls.total("store", "read") / messages,
                (double) calls.total("cache", "read") / messages,
                (double) calls.total("cache", "write") / messages,
                (double) calls.total("push", "write") / messages));
      }
    }
    return lines;
  }

  private static void post(LambdaRuntime runtime, Principal sender, Group group) {
    runtime
        .chat()
        .postMessage()
        .post(new PostMessage(sender, group.id(), new MessageBody("fan-out"), Optional.empty()));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
