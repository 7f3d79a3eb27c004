package dev.hoochat.adapters.lambda.boot;

import dev.hoochat.adapters.lambda.AuthorizerHandler;
import dev.hoochat.adapters.lambda.CountingPortMetricsAdapter;
import dev.hoochat.adapters.lambda.HttpApiHandler;
import dev.hoochat.adapters.lambda.ManagementApiPusherAdapter;
import dev.hoochat.adapters.lambda.WebSocketHandler;
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.wiring.Backends;
import java.net.URI;
import java.time.Duration;
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
 * Composition root of the Lambda runtime: reads the environment, opens the backends it names
 * through the wiring ({@link Backends}) once per execution environment, adds the {@code
 * @connections} pusher, and hands out the three handlers. With {@link #shared()} every function
 * class in one environment shares one runtime.
 */
public final class LambdaRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LambdaRuntime.class);

  private static volatile LambdaRuntime shared;

  private final Chat chat;
  private final ManagementApiPusherAdapter pusher;
  private final HttpApiHandler http;
  private final WebSocketHandler webSocket;
  private final AuthorizerHandler authorizer;
  private final Backends backends;

  private LambdaRuntime(
      Chat chat,
      ManagementApiPusherAdapter pusher,
      Backends backends,
      AllowedOrigins allowedOrigins) {
    this.chat = chat;
    this.pusher = pusher;
    this.http = new HttpApiHandler(chat);
    this.webSocket = new WebSocketHandler(chat, pusher, allowedOrigins);
    this.authorizer = new AuthorizerHandler(chat);
    this.backends = backends;
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
    keepConnectionsAlive(settings.pushConcurrency());
    Backends backends = Backends.open(settings.settings(), metrics, wrapCache);
    try {
      ManagementApiPusherAdapter pusher = pusher(settings, backends);
      if (settings.initializedAhead()) {
        pusher.prepare();
      }
      Chat chat = backends.assemble(pusher);
      if (!backends.hasCache() && settings.limits().signInFreeFailures() > 0) {
        log.warn(
            "event=sign_in_throttle_per_environment effect=\"without a cache each execution"
                + " environment counts failed sign-ins on its own\"");
      }
      log.info("event=started {}", backends.describe());
      return new LambdaRuntime(chat, pusher, backends, settings.allowedOrigins());
    } catch (RuntimeException e) {
      backends.close();
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
    backends.close();
  }

  /**
   * One small JDK-based HTTP client for every SDK client, and a fixed set of daemon threads for the
   * concurrent pushes of one fan-out. The HTTP client (TLS set-up included) and the {@code
   * @connections} client are built by the first push, so a function that has not pushed yet — the
   * authorizer never does, the WebSocket function's first event is a {@code $connect} — does not
   * wait for them; {@link #start} builds them at once when Lambda initialises ahead of requests.
   */
  private static ManagementApiPusherAdapter pusher(LambdaSettings settings, Backends resources) {
    OnFirstUse<SdkHttpClient> http =
        new OnFirstUse<>(
            () ->
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(5))
                    .build());
    resources.closeLater(http);
    Region region = Region.of(settings.region());
    ExecutorService workers = Executors.newFixedThreadPool(settings.pushConcurrency(), daemons());
    resources.closeLater(workers::shutdownNow);
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

  /**
   * The JDK's HTTP client (under the SDK's {@code UrlConnectionHttpClient}) keeps at most {@code
   * http.maxConnections} idle connections per endpoint, 5 unless set. A fan-out of {@code
   * concurrency} pushes at once would otherwise close all but 5 of its connections after each post
   * and open (with a TLS handshake, on AWS) as many new ones for the next: the push time the
   * group's lease waits for. Set before any HTTP client is used, unless the JVM was given a value.
   */
  static void keepConnectionsAlive(int concurrency) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(Math.max(5, concurrency)));
    }
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
}
