package dev.hoochat.wiring;

import static dev.hoochat.wiring.RunsOn.LAMBDA;
import static dev.hoochat.wiring.RunsOn.STANDALONE;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.momento.MomentoSettings;
import dev.hoochat.application.assembly.ChatSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The one table of settings: every option of both runtimes, one row each — its name, environment
 * variable, command-line option, default and one line of description. The standalone command line
 * is generated from it, the Lambda runtime reads the environment through it, and
 * docs/configuration.md's table is checked against it ({@code OptionsTableTest}). Adding an option
 * is one row here (and reading it where it is used); the core's own knobs take their defaults from
 * {@link ChatSettings}, the adapters' from their settings, so no default is written twice.
 */
public final class Options {
  private static final List<Option<?>> ROWS = new ArrayList<>();

  private Options() {}

  private static final ChatSettings CORE = ChatSettings.defaults();
  private static final ChatSettings.Limits LIMITS = CORE.limits();
  private static final String OFF = "; `0` = off";

  // --- the standalone server's listener -----------------------------------------------------
  public static final Option<Integer> PORT =
      row("port", "HOOCHAT_PORT", Kind.integer(0, 65_535, "must be 0-65535"))
          .flag("--port")
          .only(STANDALONE)
          .byDefault(7070)
          .is("the API's port; `0` = any free port, printed on start");
  public static final Option<String> HOST =
      row("host", "HOOCHAT_HOST", Kind.text())
          .flag("--host")
          .only(STANDALONE)
          .byDefault("127.0.0.1")
          .is("the interface to listen on");

  // --- the store -----------------------------------------------------------------------------
  public static final Option<StoreChoice> STORE =
      row("store", "HOOCHAT_STORE", Kind.choice(StoreChoice.class))
          .flag("--store")
          .byDefault("sqlite")
          .byDefaultOn(LAMBDA, "memory")
          .is(
              "`sqlite` (kept in the data directory; standalone only), `memory` (lost on exit),"
                  + " `dynamodb` (the SAM template sets it on Lambda)");
  public static final Option<String> DATA_DIR =
      row("data-dir", "HOOCHAT_DATA_DIR", Kind.text())
          .flag("--data-dir")
          .only(STANDALONE)
          .byDefault("data")
          .is(
              "where `sqlite` keeps `hoochat.db` and `keys`, under the working directory, created"
                  + " owner-only; one server per directory");
  public static final Option<Optional<URI>> DYNAMODB_ENDPOINT =
      row("dynamodb-endpoint", "HOOCHAT_DYNAMODB_ENDPOINT", Kind.optionalUrl())
          .flag("--dynamodb-endpoint")
          .is("a local DynamoDB (dynalite) to use instead of AWS's");
  public static final Option<String> DYNAMODB_TABLE =
      row("dynamodb-table", "HOOCHAT_DYNAMODB_TABLE", Kind.text())
          .flag("--dynamodb-table")
          .byDefault(DynamoDbSettings.DEFAULT_TABLE)
          .is("the DynamoDB table (`create-table` makes one for local development)");
  public static final Option<String> REGION =
      row("region", "AWS_REGION", Kind.text())
          .byDefault(DynamoDbSettings.DEFAULT_REGION)
          .is("the AWS region of the table (and, on Lambda, of the WebSocket API)");

  // --- the cache -----------------------------------------------------------------------------
  public static final Option<CacheChoice> CACHE =
      row("cache", "HOOCHAT_CACHE", Kind.choice(CacheChoice.class))
          .flag("--cache")
          .byDefault("memory")
          .is("`none`, `memory`, `redis` or `momento`: what sits in front of the store");
  public static final Option<String> REDIS_URL =
      row("redis-url", "HOOCHAT_REDIS_URL", Kind.text())
          .flag("--redis-url")
          .byDefault("redis://127.0.0.1:6379")
          .is(
              "`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS; the cache's and"
                  + " the backplane's");
  public static final Option<Optional<String>> MOMENTO_ENDPOINT =
      row("momento-endpoint", "HOOCHAT_MOMENTO_ENDPOINT", Kind.optionalText())
          .flag("--momento-endpoint")
          .is("`host:port` of a plaintext local Momento server; otherwise `MOMENTO_API_KEY`");
  public static final Option<Optional<String>> MOMENTO_API_KEY =
      row("momento-api-key", "MOMENTO_API_KEY", Kind.optionalText())
          .secret()
          .is("the Momento service's key (secret: environment only)");
  public static final Option<String> MOMENTO_CACHE =
      row("momento-cache", "HOOCHAT_MOMENTO_CACHE", Kind.text())
          .flag("--momento-cache")
          .byDefault(MomentoSettings.DEFAULT_CACHE_NAME)
          .is("the Momento cache's name");

  // --- scale-out (docs/scale-out.md) --------------------------------------------------------
  public static final Option<BackplaneChoice> BACKPLANE =
      row("backplane", "HOOCHAT_BACKPLANE", Kind.choice(BackplaneChoice.class))
          .flag("--backplane")
          .only(STANDALONE)
          .byDefault("none")
          .is(
              "`none`: the only server on its store (another live server on the same DynamoDB"
                  + " table makes it refuse to start); `redis`: one of several servers on one table,"
                  + " pushes over `--redis-url`; needs `--store dynamodb` and a shared cache"
                  + " (`redis`, `momento` or `none`)");

  // --- the core's knobs ----------------------------------------------------------------------
  public static final Option<Integer> POST_LIMIT =
      row(
              "post-limit",
              "HOOCHAT_POST_LIMIT",
              Kind.integer(0, Integer.MAX_VALUE, "must be 0 (off) or more"))
          .flag("--post-limit")
          .byDefault(CORE.postsPerMinute())
          .is("messages per user per minute, burst of a quarter of that (min 5)" + OFF);
  public static final Option<Integer> PASSWORD_ITERATIONS =
      row(
              "password-iterations",
              "HOOCHAT_PASSWORD_ITERATIONS",
              Kind.integer(1, Integer.MAX_VALUE, "must be at least 1"))
          .flag("--password-iterations")
          .byDefault(CORE.passwordIterations())
          .is("PBKDF2-HMAC-SHA256 iterations for new password hashes");
  public static final Option<Integer> WEBSOCKETS_PER_USER =
      limit("websockets-per-user", "HOOCHAT_WEBSOCKETS_PER_USER", LIMITS.connectionsPerUser())
          .is("open WebSockets per user; one more is refused (`429 too_many_connections`)" + OFF);
  public static final Option<Integer> GROUPS_OWNED_PER_USER =
      limit("groups-owned-per-user", "HOOCHAT_GROUPS_OWNED_PER_USER", LIMITS.groupsOwned())
          .is("groups a user may own; founding one more is `422 owned_group_limit`" + OFF);
  public static final Option<Integer> GROUPS_JOINED_PER_USER =
      limit("groups-joined-per-user", "HOOCHAT_GROUPS_JOINED_PER_USER", LIMITS.groupsJoined())
          .is("groups a user may be in; joining one more is `422 joined_group_limit`" + OFF);
  public static final Option<Integer> SIGN_IN_FREE_FAILURES =
      limit("sign-in-free-failures", "HOOCHAT_SIGN_IN_FREE_FAILURES", LIMITS.signInFreeFailures())
          .is(
              "failed sign-ins of a handle from one address before back-off (`429 rate_limited`)"
                  + OFF);
  public static final Option<Duration> SIGN_IN_MAX_BACKOFF =
      row(
              "sign-in-max-backoff",
              "HOOCHAT_SIGN_IN_MAX_BACKOFF",
              Kind.seconds(1, 86_400, "must be 1-86400 seconds"))
          .flag("--sign-in-max-backoff")
          .byDefault(LIMITS.signInMaxBackoff().toSeconds())
          .is("seconds: the longest a sign-in is held back after the last failure");
  public static final Option<Optional<String>> TOKEN_KEY =
      row("token-key", "HOOCHAT_TOKEN_KEY", Kind.optionalText())
          .secret()
          .is(
              "base64, ≥ 32 bytes, signs tokens (secret: environment only). With `sqlite` a key not"
                  + " set comes from `DATA_DIR/keys`, generated on first start; random per process"
                  + " with `memory` (with a warning); required with `dynamodb`");
  public static final Option<Optional<String>> SENDER_KEY =
      row("sender-key", "HOOCHAT_SENDER_KEY", Kind.optionalText())
          .secret()
          .is("base64, ≥ 32 bytes, tags messages' senders; as `HOOCHAT_TOKEN_KEY`");
  public static final Option<Optional<List<String>>> ALLOWED_ORIGINS =
      row("allowed-origins", "HOOCHAT_ALLOWED_ORIGINS", Kind.list())
          .flag("--allowed-origins")
          .is(
              "comma-separated browser origins that may open the WebSocket, `*` = any; upgrades"
                  + " without `Origin` are always allowed. Unset: standalone, its own origin"
                  + " `http://HOST:PORT` (on loopback also `localhost`, `127.0.0.1`, `[::1]` at that"
                  + " port); Lambda, none");

  // --- the standalone server's HTTP hardening and management ---------------------------------
  public static final Option<Integer> MAX_CONNECTIONS =
      row(
              "max-connections",
              "HOOCHAT_MAX_CONNECTIONS",
              Kind.integer(0, Integer.MAX_VALUE, "must be 0 (no cap) or more"))
          .flag("--max-connections")
          .only(STANDALONE)
          .byDefault(10_000)
          .is(
              "open connections (HTTP and WebSocket); more are accepted and closed at once; `0` = no cap");
  public static final Option<Integer> MAX_CONNECTIONS_PER_ADDRESS =
      row(
              "max-connections-per-address",
              "HOOCHAT_MAX_CONNECTIONS_PER_ADDRESS",
              Kind.integer(0, Integer.MAX_VALUE, "must be 0 (no cap) or more"))
          .flag("--max-connections-per-address")
          .only(STANDALONE)
          .byDefault(1_000)
          .is("from one client IP; `0` = no cap (set it behind a reverse proxy)");
  public static final Option<Duration> IDLE_TIMEOUT =
      timeout("idle-timeout", "HOOCHAT_IDLE_TIMEOUT", 30)
          .is("seconds an HTTP connection may stay silent");
  public static final Option<Duration> HEADER_TIMEOUT =
      timeout("header-timeout", "HOOCHAT_HEADER_TIMEOUT", 10)
          .is("seconds for a request's line and headers to arrive in full (then `408`, closed)");
  public static final Option<Duration> BODY_TIMEOUT =
      timeout("body-timeout", "HOOCHAT_BODY_TIMEOUT", 10)
          .is(
              "seconds for a request's body to arrive once its headers are in (then `408`, closed)");
  public static final Option<String> ADMIN_HOST =
      row("admin-host", "HOOCHAT_ADMIN_HOST", Kind.text())
          .flag("--admin-host")
          .only(STANDALONE)
          .byDefault("127.0.0.1")
          .is("the management listener's interface (`/metrics`, `/health`); keep it private");
  public static final Option<Integer> ADMIN_PORT =
      row(
              "admin-port",
              "HOOCHAT_ADMIN_PORT",
              Kind.integer(-1, 65_535, "must be 0-65535, or -1 for none"))
          .flag("--admin-port")
          .only(STANDALONE)
          .byDefault(7071)
          .is("the management listener's port, never the API's; `0` = any free port, `-1` = none");
  public static final Option<Integer> MAX_PENDING_BYTES =
      row(
              "max-pending-bytes",
              "HOOCHAT_MAX_PENDING_BYTES",
              Kind.integer(16 * 1024, Integer.MAX_VALUE, "must be at least 16384"))
          .flag("--max-pending-bytes")
          .only(STANDALONE)
          .byDefault(256 * 1024)
          .is("bytes queued for one WebSocket; a client that stops reading is cut off past it");
  public static final Option<String> LOG_LEVEL =
      row("log-level", "HOOCHAT_LOG_LEVEL", Kind.text())
          .only(STANDALONE)
          .byDefault("INFO")
          .is("logs go to stderr, one `event=… key=value` line each (read by logback.xml)");

  // --- Lambda only -----------------------------------------------------------------------------
  public static final Option<Optional<URI>> WEBSOCKET_ENDPOINT =
      row("websocket-endpoint", "HOOCHAT_WEBSOCKET_ENDPOINT", Kind.optionalUrl())
          .only(LAMBDA)
          .is("the WebSocket API's `@connections` endpoint (the SAM template sets it)");
  public static final Option<Integer> PUSH_CONCURRENCY =
      row("push-concurrency", "HOOCHAT_PUSH_CONCURRENCY", Kind.integer(1, 1024, "must be 1-1024"))
          .only(LAMBDA)
          .byDefault(64)
          .is(
              "pushes of one fan-out sent at once; a post holds its group's lease until all are"
                  + " answered, so up to this many connections cost one push time");
  public static final Option<Optional<String>> AWS_ACCESS_KEY_ID =
      row("aws-access-key-id", "HOOCHAT_AWS_ACCESS_KEY_ID", Kind.optionalText())
          .only(LAMBDA)
          .is(
              "explicit credentials for `@connections` (local runs); unset: the SDK's default chain");
  public static final Option<Optional<String>> AWS_SECRET_ACCESS_KEY =
      row("aws-secret-access-key", "HOOCHAT_AWS_SECRET_ACCESS_KEY", Kind.optionalText())
          .secret()
          .only(LAMBDA)
          .is("goes with `HOOCHAT_AWS_ACCESS_KEY_ID`");
  public static final Option<Optional<String>> AWS_SESSION_TOKEN =
      row("aws-session-token", "HOOCHAT_AWS_SESSION_TOKEN", Kind.optionalText())
          .secret()
          .only(LAMBDA)
          .is("goes with `HOOCHAT_AWS_ACCESS_KEY_ID`, if the keys are temporary");
  public static final Option<Optional<String>> INITIALIZATION_TYPE =
      row("initialization-type", "AWS_LAMBDA_INITIALIZATION_TYPE", Kind.optionalText())
          .only(LAMBDA)
          .is(
              "set by Lambda: with `snap-start` or `provisioned-concurrency` the SDK clients are"
                  + " built at init instead of on first use");

  public static final Option<Optional<String>> FUNCTION_NAME =
      row("function-name", "AWS_LAMBDA_FUNCTION_NAME", Kind.optionalText())
          .only(LAMBDA)
          .is(
              "set by Lambda; when set, the `memory` store warns that each environment has its own");

  /** Every row, in the table's order. */
  public static List<Option<?>> all() {
    return Collections.unmodifiableList(ROWS);
  }

  /** The rows that apply where HooChat runs. */
  public static List<Option<?>> on(RunsOn on) {
    return ROWS.stream().filter(o -> o.appliesTo(on)).toList();
  }

  private static <T> Option.Row<T> row(String name, String env, Kind<T> kind) {
    return new Option.Row<>(name, env, kind, ROWS::add);
  }

  private static Option.Row<Integer> limit(String name, String env, int byDefault) {
    return row(name, env, Kind.integer(0, Integer.MAX_VALUE, "must be 0 (off) or more"))
        .flag("--" + name)
        .byDefault(byDefault);
  }

  private static Option.Row<Duration> timeout(String name, String env, int byDefault) {
    return row(name, env, Kind.seconds(1, Integer.MAX_VALUE, "must be more than 0"))
        .flag("--" + name)
        .only(STANDALONE)
        .byDefault(byDefault);
  }
}
