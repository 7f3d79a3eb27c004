package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.application.assembly.ChatSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hoochat-server} command line: the option table of docs/configuration.md, each option
 * also read from its environment variable. Prints one line once listening; a bad option or a
 * service that does not answer is one line on stderr and a non-zero exit.
 */
@Command(
    name = "hoochat-server",
    mixinStandardHelpOptions = true,
    versionProvider = ServerCommand.Version.class,
    subcommands = {CreateTableCommand.class, BackupCommand.class},
    description =
        "HooChat standalone server: REST + WebSocket chat over a pluggable store and cache.")
public final class ServerCommand implements Callable<Integer> {

  @Option(
      names = "--host",
      defaultValue = "${env:HOOCHAT_HOST:-127.0.0.1}",
      description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:HOOCHAT_PORT:-7070}",
      description = "Port; 0 picks a free one and prints it (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--store",
      defaultValue = "${env:HOOCHAT_STORE:-sqlite}",
      description =
          "sqlite (kept in --data-dir) | memory (lost on exit) | dynamodb (default"
              + " ${DEFAULT-VALUE}).")
  String store;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:HOOCHAT_DATA_DIR:-" + ServerConfig.DEFAULT_DATA_DIR + "}",
      description =
          "Where --store sqlite keeps its database and, unless configured, its keys (default"
              + " ${DEFAULT-VALUE}, under the working directory).")
  String dataDir;

  @Option(
      names = "--cache",
      defaultValue = "${env:HOOCHAT_CACHE:-memory}",
      description = "none | memory | redis | momento (default ${DEFAULT-VALUE}).")
  String cache;

  @Option(
      names = "--backplane",
      defaultValue = "${env:HOOCHAT_BACKPLANE:-none}",
      description =
          "none (the only server on its store) | redis (several servers on one DynamoDB table,"
              + " pushes over --redis-url; docs/scale-out.md) (default ${DEFAULT-VALUE}).")
  String backplane;

  @Option(
      names = "--dynamodb-endpoint",
      defaultValue = "${env:HOOCHAT_DYNAMODB_ENDPOINT}",
      description = "DynamoDB endpoint URL (default: the AWS SDK's).")
  String dynamoDbEndpoint;

  @Option(
      names = "--dynamodb-table",
      defaultValue = "${env:HOOCHAT_DYNAMODB_TABLE:-hoochat}",
      description = "DynamoDB table (default ${DEFAULT-VALUE}).")
  String dynamoDbTable;

  @Option(
      names = "--redis-url",
      defaultValue = "${env:HOOCHAT_REDIS_URL:-redis://127.0.0.1:6379}",
      description =
          "redis://[user:password@]host:port[/db] or rediss:// (default ${DEFAULT-VALUE}).")
  String redisUrl;

  @Option(
      names = "--momento-endpoint",
      defaultValue = "${env:HOOCHAT_MOMENTO_ENDPOINT}",
      description =
          "host:port of a plaintext local Momento server; otherwise MOMENTO_API_KEY is used.")
  String momentoEndpoint;

  @Option(
      names = "--momento-cache",
      defaultValue = "${env:HOOCHAT_MOMENTO_CACHE:-hoochat}",
      description = "Momento cache name (default ${DEFAULT-VALUE}).")
  String momentoCache;

  @Option(
      names = "--post-limit",
      defaultValue = "${env:HOOCHAT_POST_LIMIT:-120}",
      description =
          "Messages per user per minute, with a burst; 0 = off (default ${DEFAULT-VALUE}).")
  int postLimit;

  @Option(
      names = "--password-iterations",
      defaultValue = "${env:HOOCHAT_PASSWORD_ITERATIONS:-600000}",
      description = "PBKDF2 iterations for new password hashes (default ${DEFAULT-VALUE}).")
  int passwordIterations;

  @Option(
      names = "--admin-host",
      defaultValue = "${env:HOOCHAT_ADMIN_HOST:-127.0.0.1}",
      description =
          "Interface of the management listener (/metrics); keep it private (default"
              + " ${DEFAULT-VALUE}).")
  String adminHost;

  @Option(
      names = "--admin-port",
      defaultValue = "${env:HOOCHAT_ADMIN_PORT:-7071}",
      description =
          "Port of the management listener, never the API's; 0 = any free port, -1 = none"
              + " (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--max-pending-bytes",
      defaultValue = "${env:HOOCHAT_MAX_PENDING_BYTES:-262144}",
      description =
          "Bytes queued for one WebSocket before a client that stopped reading is cut off"
              + " (default ${DEFAULT-VALUE}).")
  int maxPendingBytes;

  @Option(
      names = "--websockets-per-user",
      defaultValue = "${env:HOOCHAT_WEBSOCKETS_PER_USER:-20}",
      description =
          "Open WebSockets per user; one more is refused with 429 too_many_connections;"
              + " 0 = no limit (default ${DEFAULT-VALUE}).")
  int webSocketsPerUser;

  @Option(
      names = "--groups-owned-per-user",
      defaultValue = "${env:HOOCHAT_GROUPS_OWNED_PER_USER:-100}",
      description =
          "Groups a user may own; founding one more is refused with 422 owned_group_limit;"
              + " 0 = no limit (default ${DEFAULT-VALUE}).")
  int groupsOwnedPerUser;

  @Option(
      names = "--groups-joined-per-user",
      defaultValue = "${env:HOOCHAT_GROUPS_JOINED_PER_USER:-500}",
      description =
          "Groups a user may be in; joining one more is refused with 422 joined_group_limit;"
              + " 0 = no limit (default ${DEFAULT-VALUE}).")
  int groupsJoinedPerUser;

  @Option(
      names = "--sign-in-free-failures",
      defaultValue = "${env:HOOCHAT_SIGN_IN_FREE_FAILURES:-5}",
      description =
          "Failed sign-ins of a handle from one address before it is held back (429"
              + " rate_limited); 0 = no throttling (default ${DEFAULT-VALUE}).")
  int signInFreeFailures;

  @Option(
      names = "--sign-in-max-backoff",
      defaultValue = "${env:HOOCHAT_SIGN_IN_MAX_BACKOFF:-300}",
      description =
          "Seconds, 1-86400: the longest a sign-in is held back after the last failure"
              + " (default ${DEFAULT-VALUE}).")
  long signInMaxBackoffSeconds;

  @Option(
      names = "--max-connections",
      defaultValue = "${env:HOOCHAT_MAX_CONNECTIONS:-10000}",
      description =
          "Open connections (HTTP and WebSocket) at most; more are accepted and closed at once;"
              + " 0 = no cap (default ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--max-connections-per-address",
      defaultValue = "${env:HOOCHAT_MAX_CONNECTIONS_PER_ADDRESS:-1000}",
      description =
          "Open connections from one client IP address at most (0 = no cap; behind a reverse"
              + " proxy every client has the proxy's address) (default ${DEFAULT-VALUE}).")
  int maxConnectionsPerAddress;

  @Option(
      names = "--idle-timeout",
      defaultValue = "${env:HOOCHAT_IDLE_TIMEOUT:-30}",
      description =
          "Seconds an HTTP connection may stay silent before it is closed (default"
              + " ${DEFAULT-VALUE}).")
  int idleTimeoutSeconds;

  @Option(
      names = "--header-timeout",
      defaultValue = "${env:HOOCHAT_HEADER_TIMEOUT:-10}",
      description =
          "Seconds a request's line and headers may take to arrive in full (default"
              + " ${DEFAULT-VALUE}).")
  int headerTimeoutSeconds;

  @Option(
      names = "--body-timeout",
      defaultValue = "${env:HOOCHAT_BODY_TIMEOUT:-10}",
      description =
          "Seconds a request body may take to arrive in full once the headers are in; it is read"
              + " before any handler thread is taken (default ${DEFAULT-VALUE}).")
  int bodyTimeoutSeconds;

  @Option(
      names = "--allowed-origins",
      defaultValue = "${env:HOOCHAT_ALLOWED_ORIGINS}",
      description =
          "Comma-separated browser origins (scheme://host[:port]) allowed to open the WebSocket;"
              + " '*' allows any. Upgrades without an Origin header are always allowed (default:"
              + " the server's own origin, http://HOST:PORT as it listens; on a loopback address"
              + " also its other loopback names: 127.0.0.1, localhost and [::1] at that port).")
  String allowedOrigins;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new ServerCommand());
    cli.setParameterExceptionHandler(
        (e, unused) -> {
          e.getCommandLine()
              .getErr()
              .println("hoochat-server: " + e.getMessage() + " (see --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, command, unused) -> {
          command.getErr().println("hoochat-server: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = config();
    HooChatServer server = HooChatServer.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "hoochat-shutdown"));
    PrintWriter out = new CommandLine(this).getOut();
    out.println("HooChat listening on " + server.baseUrl());
    server.adminUrl().ifPresent(admin -> out.println("HooChat metrics on " + admin + "/metrics"));
    out.println(whereTheDataLives(config, server));
    out.flush();
    stopped.await();
    return 0;
  }

  /** One line: where the data is kept, or that it is not. */
  static String whereTheDataLives(ServerConfig config, HooChatServer server) {
    return switch (config.store()) {
      case SQLITE ->
          "HooChat keeps its data in "
              + server.dataDirectory().orElseThrow()
              + " (database hoochat.db"
              + (config.tokenKey().isPresent() && config.senderKey().isPresent()
                  ? "; keys from the environment)"
                  : ", keys in keys)");
      case MEMORY ->
          "HooChat keeps everything in memory: users, groups and messages are lost when it"
              + " stops (--store sqlite keeps them)";
      case DYNAMODB -> "HooChat keeps its data in the DynamoDB table " + config.dynamoDbTable();
    };
  }

  ServerConfig config() {
    try {
      return ServerConfig.builder()
          .host(host)
          .port(port)
          .store(choice(ServerConfig.StoreChoice.class, "--store", store))
          .cache(choice(ServerConfig.CacheChoice.class, "--cache", cache))
          .backplane(choice(ServerConfig.BackplaneChoice.class, "--backplane", backplane))
          .dynamoDb(
              Optional.ofNullable(dynamoDbEndpoint).filter(s -> !s.isBlank()).map(URI::create),
              dynamoDbTable)
          .redisUrl(URI.create(redisUrl))
          .momento(Optional.ofNullable(momentoEndpoint).filter(s -> !s.isBlank()), momentoCache)
          .postsPerMinute(postLimit)
          .passwordIterations(passwordIterations)
          .keys(env("HOOCHAT_TOKEN_KEY"), env("HOOCHAT_SENDER_KEY"))
          .admin(adminHost, adminPort)
          .maxPendingBytes(maxPendingBytes)
          .limits(limits())
          .httpLimits(
              new ServerConfig.HttpLimits(
                  maxConnections,
                  maxConnectionsPerAddress,
                  Duration.ofSeconds(idleTimeoutSeconds),
                  Duration.ofSeconds(headerTimeoutSeconds),
                  Duration.ofSeconds(bodyTimeoutSeconds)))
          .allowedOrigins(origins(allowedOrigins))
          .dataDir(Path.of(dataDir))
          .build();
    } catch (IllegalArgumentException e) {
      throw new HooChatServer.StartupException(e.getMessage(), e);
    }
  }

  private ChatSettings.Limits limits() {
    if (webSocketsPerUser < 0
        || groupsOwnedPerUser < 0
        || groupsJoinedPerUser < 0
        || signInFreeFailures < 0) {
      throw new IllegalArgumentException(
          "--websockets-per-user, --groups-owned-per-user, --groups-joined-per-user and"
              + " --sign-in-free-failures must be 0 (off) or more");
    }
    if (signInMaxBackoffSeconds < 1 || signInMaxBackoffSeconds > 86_400) {
      throw new IllegalArgumentException("--sign-in-max-backoff must be 1-86400 seconds");
    }
    return new ChatSettings.Limits(
        webSocketsPerUser,
        groupsOwnedPerUser,
        groupsJoinedPerUser,
        signInFreeFailures,
        Duration.ofSeconds(signInMaxBackoffSeconds));
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed
            .append(allowed.length() == 0 ? "" : " | ")
            .append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new HooChatServer.StartupException(
          option + " must be " + allowed + ", not '" + value + "'");
    }
  }

  /** A comma-separated list; absent or blank = the default (the server's own origin). */
  static Optional<List<String>> origins(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    List<String> origins =
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return origins.isEmpty() ? Optional.empty() : Optional.of(origins);
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** {@code --version}: the version the jar was built as, from its manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ServerCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "hoochat-server "
            + (version == null ? "(not built as a jar: a development build)" : version)
      };
    }
  }
}
