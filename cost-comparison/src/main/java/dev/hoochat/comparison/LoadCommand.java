package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.adapters.javalin.boot.ServerConfig.CacheChoice;
import dev.hoochat.adapters.javalin.boot.ServerConfig.StoreChoice;
import dev.hoochat.testsupport.e2e.ChatClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hoochat-compare load}: N WebSocket clients in groups, posting at a target rate (open loop:
 * each post has a scheduled time, and latency counts from it, so a stalled server cannot hide its
 * queue). Reports delivery latency from HdrHistogram, deliveries per second, and whether every
 * member got every message of its group exactly once and in order.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Load test: N WebSocket clients in groups posting at a target rate.")
final class LoadCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      description =
          "A running server (http://HOST:PORT, started with --post-limit 0). Default: start one here.")
  URI url;

  @Option(
      names = "--store",
      defaultValue = "memory",
      description = "Store of the server started here (default ${DEFAULT-VALUE}).")
  StoreChoice store;

  @Option(
      names = "--cache",
      defaultValue = "memory",
      description = "Cache of the server started here (default ${DEFAULT-VALUE}).")
  CacheChoice cache;

  @Option(
      names = "--clients",
      defaultValue = "500",
      description = "WebSocket clients, one per user (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--group-size",
      defaultValue = "50",
      description = "Members per group (default ${DEFAULT-VALUE}).")
  int groupSize;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Posts per second, all groups together (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--duration",
      defaultValue = "10",
      description = "Seconds of posting (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Seconds of posting first, not recorded (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--senders",
      defaultValue = "2",
      description = "Threads sending posts (default ${DEFAULT-VALUE}).")
  int senders;

  @Spec CommandSpec spec;

  /** The last run's outcome, for tests. */
  Outcome outcome;

  /** What a load run saw. */
  record Outcome(
      long posts,
      long acked,
      long rejected,
      long deliveries,
      double deliveriesPerSecond,
      Latency latency,
      long lost,
      long duplicated,
      long reordered) {
    boolean clean() {
      return rejected == 0 && lost == 0 && duplicated == 0 && reordered == 0 && acked == posts;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (clients < groupSize || clients % groupSize != 0) {
      throw new IllegalArgumentException("--clients must be a multiple of --group-size");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int groups = clients / groupSize;
    try (Backends backends = Backends.local();
        Target target = target(backends)) {
      ChatClient api = new ChatClient(target.base);
      ProgressBar progress =
          new ProgressBar(err, 2L * clients + (long) ((warmup + duration) * rate));
      progress.label("signing up " + clients + " users");
      Community community = Community.create(api, groups, groupSize, progress::advance);
      Tracker tracker = new Tracker(clients, groupSize);
      List<List<MemberSocket>> sockets = new ArrayList<>();
      progress.label("connecting " + clients + " clients");
      URI ws = URI.create("ws://" + target.base.getHost() + ":" + target.base.getPort() + "/v1/ws");
      int member = 0;
      HttpClient http = HttpClient.newHttpClient();
      for (Community.Group g : community.groups()) {
        if (member % 100 == 0) {
          http = HttpClient.newHttpClient(); // spreads sockets over several selector threads
        }
        List<MemberSocket> open = new ArrayList<>();
        for (ChatClient.Account a : g.members()) {
          open.add(MemberSocket.openText(http, ws, a.token(), member++, tracker));
          progress.advance(1);
        }
        sockets.add(open);
      }
      progress.label(
          String.format(Locale.ROOT, "posting %.0f/s for %.0f s", rate, warmup + duration));
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      long interval = (long) (1e9 / rate);
      long total = (long) ((warmup + duration) * rate);
      tracker.recordFrom = start + (long) (warmup * 1e9);
      AtomicLong next = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        Thread sender =
            new Thread(
                () -> {
                  for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long at = start + i * interval;
                    long wait;
                    while ((wait = at - System.nanoTime()) > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    int g = (int) (i % groups);
                    MemberSocket poster = sockets.get(g).get((int) ((i / groups) % groupSize));
                    poster.send(
                        MemberSocket.sendMessage(
                            community.groups().get(g).groupId(), "t=" + at, "p" + i));
                    tracker.sent.incrementAndGet();
                    progress.advance(1);
                  }
                },
                "load-sender-" + t);
        threads.add(sender);
        sender.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      progress.label("waiting for the last deliveries");
      tracker.awaitSettled(total, 30);
      progress.finish();
      sockets.forEach(list -> list.forEach(MemberSocket::close));
      outcome = tracker.outcome(total);
      print(out, outcome, groups);
      return outcome.clean() ? 0 : 2;
    }
  }

  private void print(PrintWriter out, Outcome o, int groups) {
    out.printf(
        Locale.ROOT,
        "%d clients in %d groups of %d; target %.0f posts/s (%.0f deliveries/s) for %.0f s after %.0f"
            + " s warm-up; %s%n",
        clients,
        groups,
        groupSize,
        rate,
        rate * groupSize,
        duration,
        warmup,
        url == null ? "server started here (" + store + "/" + cache + ")" : "server " + url);
    out.println(
        "| posts | acked | rejected | deliveries | deliveries/s | p50 ms | p99 ms | p999 ms | max ms | lost | duplicated | reordered |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d |%n",
        o.posts(),
        o.acked(),
        o.rejected(),
        o.deliveries(),
        o.deliveriesPerSecond(),
        o.latency().p50(),
        o.latency().p99(),
        o.latency().p999(),
        o.latency().max(),
        o.lost(),
        o.duplicated(),
        o.reordered());
    out.println(
        o.clean() ? "check: every member got every message once, in order" : "check: FAILED");
    out.flush();
  }

  /** The server under load: one given, or one started here (closed with the run). */
  private record Target(URI base, AutoCloseable owned) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (owned != null) {
        owned.close();
      }
    }
  }

  private Target target(Backends backends) {
    if (url != null) {
      return new Target(url, null);
    }
    ServerConfig.Builder config =
        ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000);
    backends.configure(config, store, cache);
    Deployment d = new StandaloneRuntime().start(config.build());
    return new Target(d.baseUri(), d);
  }

  /**
   * Every frame every client receives. Each client belongs to one group, so its messages must come
   * as seq 1, 2, 3, …: a seq already seen is a duplicate, one lower than the last a reordering.
   */
  private static final class Tracker implements MemberSocket.TextSink {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong firstDelivery = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastDelivery = new AtomicLong();
    final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
    volatile long recordFrom;
    private final int groupSize;
    private final MemberState[] members;

    /** The highest seq acknowledged in each group: how many messages each member must get. */
    private final AtomicLongArray ackedSeqOfGroup;

    Tracker(int clients, int groupSize) {
      this.groupSize = groupSize;
      members = new MemberState[clients];
      for (int i = 0; i < clients; i++) {
        members[i] = new MemberState();
      }
      ackedSeqOfGroup = new AtomicLongArray(clients / groupSize);
    }

    /**
     * Reads only the fields it needs ({@code type}, {@code seq}, the send time in {@code body}) by
     * position, not with a JSON tree: the clients share the cores with the server under test.
     */
    @Override
    public void onText(MemberSocket socket, String frame, long arrivalNanos) {
      if (frame.startsWith("{\"type\":\"message\"")) {
        deliveries.incrementAndGet();
        firstDelivery.accumulateAndGet(arrivalNanos, Math::min);
        lastDelivery.accumulateAndGet(arrivalNanos, Math::max);
        members[socket.member()].received(number(frame, "\"seq\":"), this);
        long at = number(frame, "\"body\":\"t=");
        if (at >= recordFrom) {
          Latency.recordNanos(latency, arrivalNanos - at);
        }
      } else if (frame.startsWith("{\"type\":\"ack\"")) {
        acked.incrementAndGet();
        ackedSeqOfGroup.accumulateAndGet(
            socket.member() / groupSize, number(frame, "\"seq\":"), Math::max);
      } else {
        rejected.incrementAndGet();
      }
    }

    /** The digits right after {@code key}, or -1 when the key is absent. */
    private static long number(String frame, String key) {
      int at = frame.indexOf(key);
      if (at < 0) {
        return -1;
      }
      long value = 0;
      for (int i = at + key.length(); i < frame.length(); i++) {
        char c = frame.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
      }
      return value;
    }

    void awaitSettled(long posts, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        long answered = acked.get() + rejected.get();
        if (answered >= posts && deliveries.get() >= acked.get() * groupSize) {
          return;
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }

    /** Deliveries per second run from the first delivery to the last. */
    Outcome outcome(long posts) {
      long lost = 0;
      for (int i = 0; i < members.length; i++) {
        lost += Math.max(0, ackedSeqOfGroup.get(i / groupSize) - members[i].distinct());
      }
      double window = Math.max(1e-9, (lastDelivery.get() - firstDelivery.get()) / 1e9);
      return new Outcome(
          posts,
          acked.get(),
          rejected.get(),
          deliveries.get(),
          deliveries.get() / window,
          Latency.of(latency),
          lost,
          duplicated.get(),
          reordered.get());
    }
  }

  /** One client's view of its group: the seqs it has had. */
  private static final class MemberState {
    private final BitSet seen = new BitSet();
    private long last;

    synchronized void received(long seq, Tracker tracker) {
      if (seen.get((int) seq)) {
        tracker.duplicated.incrementAndGet();
        return;
      }
      seen.set((int) seq);
      if (seq < last) {
        tracker.reordered.incrementAndGet();
      }
      last = Math.max(last, seq);
    }

    synchronized long distinct() {
      return seen.cardinality();
    }
  }
}
