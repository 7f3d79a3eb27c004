package dev.hoochat.adapters.lambda.boot;

import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.wiring.Backends;
import dev.hoochat.wiring.Options;
import dev.hoochat.wiring.RunsOn;
import dev.hoochat.wiring.Settings;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lambda runtime's {@link Settings}, read from environment variables through the one table
 * ({@link Options}, docs/configuration.md): the same names and defaults as the standalone server,
 * plus what only Lambda reads — the {@code @connections} endpoint, the push concurrency, explicit
 * AWS keys for local runs, and how Lambda initialises the environment.
 */
public record LambdaSettings(Settings settings) {

  public LambdaSettings {
    Objects.requireNonNull(settings, "settings");
    if (settings.runsOn() != RunsOn.LAMBDA) {
      throw new IllegalArgumentException("not the Lambda runtime's settings");
    }
  }

  /**
   * @throws dev.hoochat.wiring.InvalidSettingException naming the variable that cannot be used
   */
  public static LambdaSettings fromEnvironment(Map<String, String> env) {
    return new LambdaSettings(Settings.fromEnvironment(RunsOn.LAMBDA, env));
  }

  /** Explicit AWS credentials (a local run); without them the SDK's default chain is used. */
  public record AwsKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    @Override
    public String toString() {
      return "AwsKeys[accessKeyId=" + accessKeyId + "]";
    }
  }

  public ChatSettings.Limits limits() {
    return settings.limits();
  }

  public Optional<URI> webSocketEndpoint() {
    return settings.get(Options.WEBSOCKET_ENDPOINT);
  }

  public String region() {
    return settings.get(Options.REGION);
  }

  public int pushConcurrency() {
    return settings.get(Options.PUSH_CONCURRENCY);
  }

  public Optional<AwsKeys> awsKeys() {
    return settings
        .get(Options.AWS_ACCESS_KEY_ID)
        .map(
            id ->
                new AwsKeys(
                    id,
                    settings.get(Options.AWS_SECRET_ACCESS_KEY).orElse(""),
                    settings.get(Options.AWS_SESSION_TOKEN)));
  }

  /**
   * SnapStart snapshots the init, or provisioned concurrency runs it before any request: nothing is
   * gained by deferring work to the first request.
   */
  public boolean initializedAhead() {
    return Backends.initializedAhead(settings);
  }

  /** No "own origin" on Lambda: without the variable, no browser page may connect. */
  public AllowedOrigins allowedOrigins() {
    return settings
        .get(Options.ALLOWED_ORIGINS)
        .map(AllowedOrigins::of)
        .orElse(AllowedOrigins.none());
  }
}
