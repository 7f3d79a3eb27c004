package dev.hoochat.adapters.lambda.boot;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import dev.hoochat.adapters.lambda.AuthorizerHandler;
import dev.hoochat.adapters.lambda.CountingPortMetricsAdapter;
import dev.hoochat.adapters.lambda.HttpApiHandler;
import dev.hoochat.adapters.lambda.ManagementApiPusherAdapter;
import dev.hoochat.adapters.lambda.WebSocketHandler;
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
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.assembly.ChatCore;
import dev.hoochat.application.assembly.ConfiguredKeys;
import dev.hoochat.application.assembly.Secrets;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.UserStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Composition root of the Lambda runtime: reads the environment, builds every adapter it names and
 * the SDK clients once per execution environment, assembles the core, and hands out the three
 * handlers. With {@link #shared()} every function class in one environment shares one runtime.
 */
public final class LambdaRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LambdaRuntime.class);

  private static volatile LambdaRuntime shared;

  private final Chat chat;
  private final ManagementApiPusherAdapter pusher;
  private final HttpApiHandler http;
  private final WebSocketHandler webSocket;
  private final AuthorizerHandler authorizer;
  private final List<AutoCloseable> resources;

  private LambdaRuntime(
      Chat chat,
      ManagementApiPusherAdapter pusher,
      List<AutoCloseable> resources,
      AllowedOrigins allowedOrigins) {
    this.chat = chat;
    this.pusher = pusher;
    this.http = new HttpApiHandler(chat);
    this.webSocket = new WebSocketHandler(chat, pusher, allowedOrigins);
    this.authorizer = new AuthorizerHandler(chat);
    this.resources = resources;
  }

  /** The runtime of this execution environment, built from its environment on first use. */
  public static LambdaRuntime shared() {
    LambdaRuntime runtime = shared;
    if (runtime == null) {
      synchronized (LambdaRuntime.class) {
        runtime = shared;
        if (runtime == null) {
          runtime =
              start(
                  LambdaSettings.fromEnvironment(System.getenv()),
                  new CountingPortMetricsAdapter(),
                  UnaryOperator.identity());
          shared = runtime;
        }
      }
    }
    return runtime;
  }

  /**
   * Builds a runtime. {@code wrapCache} wraps the cache adapter before use, for tools that watch
   * what the cache is given (the anonymity test, the cost comparison's meters).
   */
  public static LambdaRuntime start(
      LambdaSettings settings, PortMetrics metrics, UnaryOperator<CacheStore> wrapCache) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Clock clock = new SystemClockAdapter();
      IdSource ids = new SecureRandomIdSourceAdapter();
      Stores stores = stores(settings, metrics, clock, resources);
      Optional<CacheStore> cache = cache(settings, clock, resources).map(wrapCache);
      ManagementApiPusherAdapter pusher = pusher(settings, resources);
      if (settings.initializedAhead()) {
        pusher.prepare();
      }
      Chat chat =
          ChatCore.assemble(
              new ChatCore.Outbound(
                  stores.users(),
                  stores.groups(),
                  stores.messages(),
                  stores.locks(),
                  stores.connections(),
                  cache,
                  pusher,
                  clock,
                  ids,
                  secrets(settings, ids),
                  metrics),
              settings.chatSettings());
      if (cache.isEmpty() && settings.limits().signInFreeFailures() > 0) {
        log.warn(
            "event=sign_in_throttle_per_environment effect=\"without a cache each execution"
                + " environment counts failed sign-ins on its own\"");
      }
      log.info(
          "event=started store={} cache={}",
          settings.store().name().toLowerCase(java.util.Locale.ROOT),
          settings.cache().name().toLowerCase(java.util.Locale.ROOT));
      return new LambdaRuntime(chat, pusher, resources, settings.allowedOrigins());
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  public HttpApiHandler http() {
    return http;
  }

  public WebSocketHandler webSocket() {
    return webSocket;
  }

  public AuthorizerHandler authorizer() {
    return authorizer;
  }

  public Chat chat() {
    return chat;
  }

  public ManagementApiPusherAdapter pusher() {
    return pusher;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private record Stores(
      UserStore users,
      GroupStore groups,
      MessageLog messages,
      GroupLocks locks,
      ConnectionStore connections) {}

  /**
   * The store, and the group locks that go with it. Every execution environment is a process of its
   * own, and API Gateway spreads one group's posts over several (REST and WebSocket posts even run
   * in different functions): with DynamoDB the locks are leases in the table, so that a group's
   * messages reach every connection in seq order whichever environment posts them. The in-memory
   * store is never shared between environments, so its locks are in-process too.
   */
  private static Stores stores(
      LambdaSettings settings, PortMetrics metrics, Clock clock, List<AutoCloseable> resources) {
    return switch (settings.store()) {
      case MEMORY -> {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
          log.warn("event=memory_store effect=\"each execution environment keeps its own data\"");
        }
        yield new Stores(
            new MemoryUserStoreAdapter(),
            new MemoryGroupStoreAdapter(),
            new MemoryMessageLogAdapter(),
            new MemoryGroupLocksAdapter(),
            new MemoryConnectionStoreAdapter());
      }
      case DYNAMODB -> {
        DynamoDbSettings dynamo =
            settings
                .dynamoDbEndpoint()
                .map(endpoint -> DynamoDbSettings.local(endpoint, settings.dynamoDbTable()))
                .orElseGet(() -> DynamoDbSettings.aws(settings.region(), settings.dynamoDbTable()));
        // No table check at start (the standalone server makes one): it would add a round trip
        // to every cold start and an IAM action; a missing table shows on the first request.
        // Started on demand, the client is built by the first request that reaches the store (half
        // a second of class loading a cached answer need not wait for); snapshotted or
        // provisioned ahead, it is built now, as part of the init Lambda does before requests.
        DynamoDbStores stores =
            settings.initializedAhead()
                ? DynamoDbStores.connect(dynamo, metrics)
                : DynamoDbStores.connectOnFirstUse(dynamo, metrics);
        resources.add(stores);
        yield new Stores(
            stores.users(),
            stores.groups(),
            stores.messages(),
            stores.groupLocks(clock),
            stores.connections());
      }
    };
  }

  private static Optional<CacheStore> cache(
      LambdaSettings settings, Clock clock, List<AutoCloseable> resources) {
    return switch (settings.cache()) {
      case NONE -> Optional.empty();
      case MEMORY ->
          Optional.of(new MemoryCacheAdapter(clock, MemoryCacheAdapter.DEFAULT_MAX_ENTRIES));
      case REDIS -> {
        // Connects lazily: a cache that is down is a miss, never a failed cold start.
        RedisCacheAdapter redis =
            RedisCacheAdapter.connect(RedisSettings.fromUrl(settings.redisUrl()));
        resources.add(redis);
        yield Optional.of(redis);
      }
      case MOMENTO -> {
        MomentoSettings momento =
            settings
                .momentoEndpoint()
                .map(endpoint -> MomentoSettings.local(endpoint, settings.momentoCache()))
                .orElseGet(
                    () ->
                        MomentoSettings.service(
                            settings
                                .momentoApiKey()
                                .orElseThrow(
                                    () ->
                                        new LambdaSettings.InvalidSettingException(
                                            "HOOCHAT_CACHE=momento needs MOMENTO_API_KEY")),
                            settings.momentoCache(),
                            MomentoProfile.LAMBDA));
        MomentoCacheAdapter adapter = MomentoCacheAdapter.start(momento);
        resources.add(adapter);
        yield Optional.of(adapter);
      }
    };
  }

  /**
   * One small JDK-based HTTP client for every SDK client, and a fixed set of daemon threads for the
   * concurrent pushes of one fan-out. The HTTP client (TLS set-up included) and the {@code
   * @connections} client are built by the first push, so a function that has not pushed yet — the
   * authorizer never does, the WebSocket function's first event is a {@code $connect} — does not
   * wait for them; {@link #start} builds them at once when Lambda initialises ahead of requests.
   */
  private static ManagementApiPusherAdapter pusher(
      LambdaSettings settings, List<AutoCloseable> resources) {
    OnFirstUse<SdkHttpClient> http =
        new OnFirstUse<>(
            () ->
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(5))
                    .build());
    resources.add(http);
    Region region = Region.of(settings.region());
    ExecutorService workers = Executors.newFixedThreadPool(settings.pushConcurrency(), daemons());
    resources.add(workers::shutdownNow);
    return new ManagementApiPusherAdapter(
        (URI endpoint) ->
            ApiGatewayManagementApiClient.builder()
                .httpClient(http.get())
                .region(region)
                .credentialsProvider(credentials(settings))
                .endpointOverride(endpoint)
                .build(),
        workers,
        settings.webSocketEndpoint());
  }

  /** A resource built by its first use, then kept; closed only if it was built. */
  private static final class OnFirstUse<T extends AutoCloseable> implements AutoCloseable {
    private final Supplier<T> build;
    private T value;

    OnFirstUse(Supplier<T> build) {
      this.build = build;
    }

    synchronized T get() {
      if (value == null) {
        value = build.get();
      }
      return value;
    }

    @Override
    public synchronized void close() throws Exception {
      if (value != null) {
        value.close();
      }
    }
  }

  private static AwsCredentialsProvider credentials(LambdaSettings settings) {
    return settings
        .awsKeys()
        .<AwsCredentialsProvider>map(
            keys ->
                StaticCredentialsProvider.create(
                    keys.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token ->
                                AwsSessionCredentials.create(
                                    keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(
                            () ->
                                AwsBasicCredentials.create(
                                    keys.accessKeyId(), keys.secretAccessKey()))))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "push-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The signing and sender-tag keys ({@link ConfiguredKeys}: required with a durable store). */
  private static Secrets secrets(LambdaSettings settings, IdSource ids) {
    try {
      return ConfiguredKeys.secrets(
          settings.tokenKey(),
          settings.senderKey(),
          settings.store() != LambdaSettings.StoreChoice.MEMORY,
          ids);
    } catch (IllegalArgumentException e) {
      throw new LambdaSettings.InvalidSettingException(e.getMessage());
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
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
