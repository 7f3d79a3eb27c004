package dev.hoochat.adapters.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import momento.sdk.CacheClient;
import momento.sdk.auth.CredentialProvider;
import momento.sdk.config.Configurations;
import momento.sdk.responses.cache.GetResponse;

/**
 * Run by {@link ShadedJarMomentoTlsIT} in a JVM whose classpath is the shaded jar and this class:
 * the Momento paths the local suites cannot reach, on the jar's own classes. It parses an API key
 * of each format Momento has issued (the legacy one is a JWT, parsed by a library that loads its
 * implementation by class name), then makes a round trip over TLS, as every call to Momento is,
 * with the SDK calls HooChat's adapter makes. Prints one line per step; any failure exits non-zero.
 */
public final class MomentoJarProbe {
  private MomentoJarProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("legacy=" + CredentialProvider.fromString(args[2]).getCacheEndpoint());
    System.out.println("v1=" + CredentialProvider.fromString(args[3]).getCacheEndpoint());
    CredentialProvider tls = new TlsEndpoint(args[0], Integer.parseInt(args[1]));
    try (CacheClient client =
        CacheClient.create(
            tls, Configurations.Lambda.latest(), Duration.ofMinutes(1), Duration.ofSeconds(10))) {
      client.createCache("probe").join();
      client
          .set("probe", "key".getBytes(UTF_8), "over tls".getBytes(UTF_8), Duration.ofMinutes(1))
          .join();
      GetResponse answer = client.get("probe", "key").join();
      if (!(answer instanceof GetResponse.Hit hit)) {
        throw new IllegalStateException("expected a hit, got " + answer);
      }
      System.out.println("tls=" + new String(hit.valueByteArray(), UTF_8));
    }
  }

  /** Momento at {@code host:port}, over TLS, as the service is reached. */
  private static final class TlsEndpoint extends CredentialProvider {
    private final String host;
    private final int port;

    TlsEndpoint(String host, int port) {
      this.host = host;
      this.port = port;
    }

    @Override
    public String getAuthToken() {
      return "probe";
    }

    @Override
    public String getControlEndpoint() {
      return host;
    }

    @Override
    public String getCacheEndpoint() {
      return host;
    }

    @Override
    public String getStorageEndpoint() {
      return host;
    }

    @Override
    public String getTokenEndpoint() {
      return host;
    }

    @Override
    public boolean isEndpointSecure() {
      return true;
    }

    @Override
    public int getPort() {
      return port;
    }
  }
}
