package dev.hoochat.localservers.momento;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the Momento service, so that tests (and the cost lab) run the real Momento Java
 * SDK (through {@code MomentoLocalProvider}, plaintext gRPC) without a Momento account or Docker.
 *
 * <p>It is an in-process gRPC server on 127.0.0.1 (a free port), built on Momento's published
 * protocol ({@code software.momento.java:client-protos} 0.122.1, grpc 1.53.0 like SDK 1.21.0). One
 * port serves both planes, as {@code MomentoLocalProvider} expects.
 *
 * <p><b>What it implements</b>, in memory and thread-safe:
 *
 * <ul>
 *   <li>data plane: {@code Get}, {@code GetBatch}, {@code Set}, {@code SetIfNotExists}, {@code
 *       Delete}, {@code ListConcatenateBack} (with {@code truncate_front_to_size} and {@code
 *       refresh_ttl}), {@code ListFetch} (with start/end indices) — exactly what HooChat's Momento
 *       adapter calls;
 *   <li>control plane: {@code CreateCache} (ALREADY_EXISTS when the cache is there);
 *   <li>the {@code cache} header: a data call on a cache that was not created answers NOT_FOUND;
 *   <li>TTLs of 1 ms to 24 h against a clock that moves only by {@link #advance(Duration)};
 *   <li>one key space per cache shared by scalars and lists, as in Momento: {@code Delete} removes
 *       either; reading one as the other answers FAILED_PRECONDITION.
 * </ul>
 *
 * <p><b>What it does not</b>: every other call (SetIf, SetBatch, dictionaries, sets, sorted sets,
 * ListPushBack, topics, ListCaches, DeleteCache, …) answers UNIMPLEMENTED; no authentication (the
 * token is ignored), no TLS, no item-size or rate limits beyond gRPC's 5 MB message cap, no
 * eviction.
 *
 * <p>For outage tests it can {@link #failEveryCall() fail} (UNAVAILABLE on every call) or {@link
 * #hangEveryCall() hang} (accept every call and never answer it), and {@link #answerNormally()
 * recover}; for the anonymity test, {@link #values} and {@link #lists} show what is stored.
 */
public final class MomentoTestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MomentoTestServer.class);
  private static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024 + 64 * 1024;

  private final MomentoCaches caches = new MomentoCaches();
  private final CallGate gate = new CallGate();
  private final Server server;
  private volatile int port;

  private MomentoTestServer(Optional<KeyManagerFactory> tls) {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(loopback)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .addService(ServerInterceptors.intercept(new DataPlane(caches), gate))
            .addService(ServerInterceptors.intercept(new ControlPlane(caches), gate));
    if (tls.isPresent()) {
      try {
        builder.sslContext(
            GrpcSslContexts.configure(SslContextBuilder.forServer(tls.get())).build());
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up TLS for the Momento test server", e);
      }
    }
    this.server = builder.build();
  }

  /** Starts a server with no caches on a free loopback port. */
  public static MomentoTestServer start() {
    return start(Optional.empty());
  }

  /**
   * Starts a server that speaks TLS only, as Momento does, with the certificate and key in {@code
   * keys}; clients must trust that certificate.
   */
  public static MomentoTestServer startTls(KeyManagerFactory keys) {
    return start(Optional.of(keys));
  }

  private static MomentoTestServer start(Optional<KeyManagerFactory> tls) {
    MomentoTestServer momento = new MomentoTestServer(tls);
    try {
      momento.server.start();
      momento.port = momento.server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Momento test server on loopback", e);
    }
    log.info("event=momento_test_server_started endpoint={}", momento.endpoint());
    return momento;
  }

  public String host() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  public int port() {
    return port;
  }

  /** {@code host:port}, the form {@code --momento-endpoint} takes. */
  public String endpoint() {
    return host() + ":" + port();
  }

  /** Lets time pass for every TTL on this server. */
  public void advance(Duration duration) {
    caches.advance(duration);
  }

  /** From now on every call, data or control, answers UNAVAILABLE. */
  public void failEveryCall() {
    gate.mode(CallGate.Mode.FAIL);
  }

  /** From now on every call is accepted and never answered; clients see their deadline pass. */
  public void hangEveryCall() {
    gate.mode(CallGate.Mode.HANG);
  }

  /** Back to serving calls. Calls that arrived while hanging stay unanswered. */
  public void answerNormally() {
    gate.mode(CallGate.Mode.ANSWER);
  }

  /** Creates a cache, as CreateCache would; answers false when it existed. */
  public boolean createCache(String name) {
    return caches.createCache(name);
  }

  public Set<String> cacheNames() {
    return caches.cacheNames();
  }

  /** The live scalar items of {@code cache}, keys read as UTF-8; the cache must exist. */
  public Map<String, byte[]> values(String cache) {
    return caches.values(cache);
  }

  /** The live lists of {@code cache}, oldest entry first, keys read as UTF-8; it must exist. */
  public Map<String, List<byte[]>> lists(String cache) {
    return caches.lists(cache);
  }

  /**
   * Every value and list entry of {@code cache}, as {@code key=value} with the bytes read as
   * ISO-8859-1: what an anonymity check looks inside.
   */
  public List<String> contents(String cache) {
    List<String> texts = new ArrayList<>();
    values(cache).forEach((k, v) -> texts.add(k + "=" + new String(v, ISO_8859_1)));
    lists(cache)
        .forEach(
            (k, entries) -> entries.forEach(v -> texts.add(k + "=" + new String(v, ISO_8859_1))));
    return texts;
  }

  /** How many calls of {@code method} (e.g. "GetBatch") reached the server, answered or not. */
  public long calls(String method) {
    return gate.calls(method);
  }

  /** Every method called so far, with its count. */
  public Map<String, Long> calls() {
    return gate.calls();
  }

  public void resetCallCounts() {
    gate.resetCalls();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("event=momento_test_server_stop_slow endpoint={}", endpoint());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
