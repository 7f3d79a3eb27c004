package dev.hoochat.adapters.lambda.boot;

import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.assembly.ChatSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda runtime's configuration, read from environment variables with the same names and
 * defaults as the standalone server (docs/configuration.md), plus what only Lambda needs: the {@code
 * @connections} endpoint, the AWS region, and how Lambda initialises the environment ({@code
 * AWS_LAMBDA_INITIALIZATION_TYPE}: {@code initializedAhead} when SnapStart snapshots the init or
 * provisioned concurrency runs it before any request, so that nothing is gained by deferring work).
 */
public record LambdaSettings(
    StoreChoice store,
    CacheChoice cache,
    Optional<URI> dynamoDbEndpoint,
    String dynamoDbTable,
    String redisUrl,
    Optional<String> momentoApiKey,
    Optional<String> momentoEndpoint,
    String momentoCache,
    int postsPerMinute,
    int passwordIterations,
    Optional<String> tokenKey,
    Optional<String> senderKey,
    Optional<URI> webSocketEndpoint,
    String region,
    int pushConcurrency,
    Optional<AwsKeys> awsKeys,
    boolean initializedAhead,
    ChatSettings.Limits limits,
    AllowedOrigins allowedOrigins) {

  /** Where the data lives. */
  public enum StoreChoice {
    MEMORY,
    DYNAMODB
  }

  /** What sits in front of the store. */
  public enum CacheChoice {
    NONE,
    MEMORY,
    REDIS,
    MOMENTO
  }

  /** Explicit AWS credentials (a local run); without them the SDK's default chain is used. */
  public record AwsKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override
    public String toString() {
      return "AwsKeys[accessKeyId=" + accessKeyId + "]";
    }
  }

  /** A setting that cannot be used as given; the message is one line for an operator. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
      super(message);
    }
  }

  public static LambdaSettings fromEnvironment(Map<String, String> env) {
    return new LambdaSettings(
        choice(env, "HOOCHAT_STORE", StoreChoice.class, StoreChoice.MEMORY),
        choice(env, "HOOCHAT_CACHE", CacheChoice.class, CacheChoice.MEMORY),
        text(env, "HOOCHAT_DYNAMODB_ENDPOINT").map(v -> uri("HOOCHAT_DYNAMODB_ENDPOINT", v)),
        text(env, "HOOCHAT_DYNAMODB_TABLE").orElse("hoochat"),
        text(env, "HOOCHAT_REDIS_URL").orElse("redis://127.0.0.1:6379"),
        text(env, "MOMENTO_API_KEY"),
        text(env, "HOOCHAT_MOMENTO_ENDPOINT"),
        text(env, "HOOCHAT_MOMENTO_CACHE").orElse("hoochat"),
        number(env, "HOOCHAT_POST_LIMIT", 120),
        number(env, "HOOCHAT_PASSWORD_ITERATIONS", ChatSettings.PRODUCTION_PASSWORD_ITERATIONS),
        text(env, "HOOCHAT_TOKEN_KEY"),
        text(env, "HOOCHAT_SENDER_KEY"),
        text(env, "HOOCHAT_WEBSOCKET_ENDPOINT").map(v -> uri("HOOCHAT_WEBSOCKET_ENDPOINT", v)),
        text(env, "AWS_REGION").orElse("us-east-1"),
        Math.max(1, number(env, "HOOCHAT_PUSH_CONCURRENCY", 16)),
        text(env, "HOOCHAT_AWS_ACCESS_KEY_ID")
            .map(
                id ->
                    new AwsKeys(
                        id,
                        text(env, "HOOCHAT_AWS_SECRET_ACCESS_KEY").orElse(""),
                        text(env, "HOOCHAT_AWS_SESSION_TOKEN"))),
        text(env, "AWS_LAMBDA_INITIALIZATION_TYPE")
            .filter(type -> type.equals("snap-start") || type.equals("provisioned-concurrency"))
            .isPresent(),
        limits(env),
        // No "own origin" on Lambda: without the variable, no browser page may connect.
        AllowedOrigins.parse(text(env, "HOOCHAT_ALLOWED_ORIGINS").orElse(null)));
  }

  /** The standalone server's limits, under the same environment variables and defaults. */
  private static ChatSettings.Limits limits(Map<String, String> env) {
    ChatSettings.Limits d = ChatSettings.Limits.DEFAULT;
    int backoff =
        number(env, "HOOCHAT_SIGN_IN_MAX_BACKOFF", (int) d.signInMaxBackoff().toSeconds());
    if (backoff < 1 || backoff > 86_400) {
      throw new InvalidSettingException("HOOCHAT_SIGN_IN_MAX_BACKOFF must be 1-86400 seconds");
    }
    return new ChatSettings.Limits(
        number(env, "HOOCHAT_WEBSOCKETS_PER_USER", d.connectionsPerUser()),
        number(env, "HOOCHAT_GROUPS_OWNED_PER_USER", d.groupsOwned()),
        number(env, "HOOCHAT_GROUPS_JOINED_PER_USER", d.groupsJoined()),
        number(env, "HOOCHAT_SIGN_IN_FREE_FAILURES", d.signInFreeFailures()),
        Duration.ofSeconds(backoff));
  }

  ChatSettings chatSettings() {
    return ChatSettings.defaults()
        .withPasswordIterations(passwordIterations)
        .withPostsPerMinute(postsPerMinute)
        .withTokenLifetime(Duration.ofHours(24))
        .withLimits(limits);
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static <E extends Enum<E>> E choice(
      Map<String, String> env, String name, Class<E> type, E fallback) {
    Optional<String> value = text(env, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    Optional<String> value = text(env, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidSettingException(name + " must be a whole number of 0 or more");
  }

  private static URI uri(String name, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new InvalidSettingException(name + " must be an absolute URL");
  }
}
