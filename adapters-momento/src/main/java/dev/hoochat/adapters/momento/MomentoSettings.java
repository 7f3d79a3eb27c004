package dev.hoochat.adapters.momento;

import java.time.Duration;

/**
 * How to reach Momento: where ({@link MomentoConnection}), which cache, which SDK profile, and how
 * long to wait. {@code requestTimeout} is the deadline of every cache call: the cache is never a
 * source of truth, so a slow or hanging Momento must cost a request little before it goes to the
 * store. {@code connectTimeout} bounds start-up (connecting and creating the cache) so that a bad
 * configuration fails fast.
 */
public record MomentoSettings(
    MomentoConnection connection,
    String cacheName,
    MomentoProfile profile,
    Duration requestTimeout,
    Duration connectTimeout) {

  public static final String DEFAULT_CACHE_NAME = "hoochat";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMillis(500);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public MomentoSettings {
    if (connection == null || profile == null) {
      throw new IllegalArgumentException("momento settings need a connection and a profile");
    }
    if (cacheName == null || cacheName.isBlank()) {
      throw new IllegalArgumentException("momento cache name is blank");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("momento request timeout must be positive");
    }
    // The SDK counts its connect timeout in whole seconds.
    if (connectTimeout == null || connectTimeout.getSeconds() < 1) {
      throw new IllegalArgumentException("momento connect timeout must be at least 1 s");
    }
  }

  /**
   * Momento's service with {@code MOMENTO_API_KEY}: IN_REGION for the server, LAMBDA for Lambda.
   */
  public static MomentoSettings service(String apiKey, String cacheName, MomentoProfile profile) {
    return new MomentoSettings(
        new MomentoConnection.ApiKey(apiKey),
        cacheName,
        profile,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT);
  }

  /** A plaintext local server at {@code host:port} ({@code --momento-endpoint}). */
  public static MomentoSettings local(String hostAndPort, String cacheName) {
    return new MomentoSettings(
        MomentoConnection.LocalEndpoint.parse(hostAndPort),
        cacheName,
        MomentoProfile.LAPTOP,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT);
  }

  public MomentoSettings withRequestTimeout(Duration timeout) {
    return new MomentoSettings(connection, cacheName, profile, timeout, connectTimeout);
  }

  public MomentoSettings withProfile(MomentoProfile newProfile) {
    return new MomentoSettings(connection, cacheName, newProfile, requestTimeout, connectTimeout);
  }
}
