package dev.hoochat.adapters.javalin.jetty;

import dev.hoochat.api.Problems;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one connector, with two guards Jetty does not have.
 *
 * <p><b>Connection caps.</b> At most {@code maxConnections} connections open at once (HTTP and
 * WebSocket alike), and at most {@code maxConnectionsPerAddress} from one client IP address; 0 is
 * no cap. A connection past a cap is accepted and closed at once, before a byte of it is read: the
 * client sees its connection closed with no answer, and no request of it was processed, so it may
 * safely retry. (Not accepting at all would leave it queued in the kernel's backlog instead, and
 * answering it a problem would mean reading its request, for exactly the clients there is no room
 * for.)
 *
 * <p><b>Request head deadline.</b> A request's line and headers must be complete within {@code
 * headerTimeout} of the moment its first bytes were seen. Jetty's idle timeout alone does not bound
 * a client that sends one header byte every few seconds; this does. A connection past the deadline
 * gets {@code 408 request_timeout} and is closed. A connection between requests (nothing of a new
 * request received yet) is left to the idle timeout.
 */
public final class GuardedConnector extends ServerConnector {
  private static final Logger log = LoggerFactory.getLogger(GuardedConnector.class);

  private final int maxConnections;
  private final int maxConnectionsPerAddress;
  private final long headerTimeoutNanos;
  private final long sweepMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final Map<EndPoint, Watch> admitted = new ConcurrentHashMap<>();
  private final RefusalLog refusedTotal = new RefusalLog(log, "connection_refused", 10_000);
  private final RefusalLog refusedPerAddress = new RefusalLog(log, "connection_refused", 10_000);
  private final RefusalLog headTimeouts = new RefusalLog(log, "request_timeout", 10_000);
  private volatile Scheduler.Task sweep;

  public GuardedConnector(
      Server server,
      HttpConfiguration http,
      int maxConnections,
      int maxConnectionsPerAddress,
      Duration headerTimeout) {
    super(server, new HttpConnectionFactory(http));
    this.maxConnections = maxConnections;
    this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.sweepMillis = Math.max(100, Math.min(1_000, headerTimeout.toMillis() / 4));
  }

  /** Connections open now (admitted and not yet closed). */
  public int openConnections() {
    return open.get();
  }

  /** Connections open now from one client address (counted only while that cap is on). */
  public int openConnectionsFrom(InetAddress address) {
    return perAddress.getOrDefault(address, 0);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    scheduleSweep();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = sweep;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  @Override
  protected void onEndPointOpened(EndPoint endPoint) {
    super.onEndPointOpened(endPoint);
    Optional<InetAddress> address = Addresses.of(endPoint);
    String refusal = admit(address);
    if (refusal != null) {
      String client = address.map(InetAddress::getHostAddress).orElse("unknown");
      if (refusal.equals("max_connections")) {
        refusedTotal.record(
            "reason=max_connections address=" + client + " limit=" + maxConnections);
      } else {
        refusedPerAddress.record(
            "reason=max_connections_per_address address="
                + client
                + " limit="
                + maxConnectionsPerAddress);
      }
      endPoint.close();
      return;
    }
    admitted.put(endPoint, new Watch(address.orElse(null)));
  }

  @Override
  protected void onEndPointClosed(EndPoint endPoint) {
    Watch watch = admitted.remove(endPoint);
    if (watch != null) {
      open.decrementAndGet();
      if (maxConnectionsPerAddress > 0 && watch.address != null) {
        perAddress.computeIfPresent(watch.address, (a, n) -> n <= 1 ? null : n - 1);
      }
    }
    super.onEndPointClosed(endPoint);
  }

  /** Counts the connection in, or says which cap it would pass (and counts nothing). */
  private String admit(Optional<InetAddress> address) {
    if (open.incrementAndGet() > maxConnections && maxConnections > 0) {
      open.decrementAndGet();
      return "max_connections";
    }
    if (maxConnectionsPerAddress > 0 && address.isPresent()) {
      boolean[] over = {false};
      perAddress.compute(
          address.get(),
          (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxConnectionsPerAddress) {
              over[0] = true;
              return n;
            }
            return count + 1;
          });
      if (over[0]) {
        open.decrementAndGet();
        return "max_connections_per_address";
      }
    }
    return null;
  }

  private void scheduleSweep() {
    if (isRunning() || isStarting()) {
      sweep = getScheduler().schedule(this::sweepHeads, sweepMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Closes every connection whose current request head has taken longer than the deadline. */
  private void sweepHeads() {
    try {
      long now = System.nanoTime();
      admitted.forEach(
          (endPoint, watch) -> {
            if (endPoint.getConnection() instanceof HttpConnection http
                && watch.headOverdue(http, now, headerTimeoutNanos)) {
              timeOut(endPoint, watch);
            }
          });
    } catch (RuntimeException e) {
      log.warn("event=header_sweep_failed reason=\"{}\"", e.toString());
    } finally {
      scheduleSweep();
    }
  }

  private void timeOut(EndPoint endPoint, Watch watch) {
    headTimeouts.record(
        "phase=head address="
            + (watch.address == null ? "unknown" : watch.address.getHostAddress())
            + " timeout_ms="
            + headerTimeoutNanos / 1_000_000);
    try {
      endPoint.write(
          Callback.from(endPoint::close, failure -> endPoint.close()),
          ProblemResponses.raw(Problems.ofStatus(408)));
    } catch (RuntimeException e) {
      endPoint.close();
    }
  }

  /** What the sweeper knows of one connection: read and written by the sweeper only. */
  private static final class Watch {
    final InetAddress address;
    long headSince;
    long requestsSeen;

    Watch(InetAddress address) {
      this.address = address;
    }

    /** True when a request head has been arriving for longer than {@code timeout}. */
    boolean headOverdue(HttpConnection http, long now, long timeout) {
      HttpParser parser = http.getParser();
      boolean inHead = !parser.isStart() && parser.inHeaderState();
      if (!inHead) {
        headSince = 0;
        return false;
      }
      long requests = http.getMessagesIn();
      if (headSince == 0 || requests != requestsSeen) {
        headSince = now;
        requestsSeen = requests;
        return false;
      }
      return now - headSince > timeout;
    }
  }
}
