package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
      split = ",",
      description =
          "A running server (http://HOST:PORT, started with --post-limit 0), or several nodes of"
              + " one scaled-out deployment, comma-separated: clients connect to them in turn"
              + " (docs/scale-out.md). Default: start one here.")
  List<URI> url;

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

  @Option(
      names = "--slow-bodies",
      defaultValue = "0",
      description =
          "Slowloris: connections that send the headers of POST /v1/sessions with Content-Length:"
              + " 2000, then one body byte per --slow-tick; opened after the first --duration, while"
              + " a second --duration of posting runs (default ${DEFAULT-VALUE}).")
  int slowBodies;

  @Option(
      names = "--slow-heads",
      defaultValue = "0",
      description =
          "Slowloris: connections that send their request headers one byte per --slow-tick"
              + " (default ${DEFAULT-VALUE}).")
  int slowHeads;

  @Option(
      names = "--slow-per-address",
      defaultValue = "100",
      description =
          "Slow connections per source address, from 127.0.0.2 up (default ${DEFAULT-VALUE}).")
  int slowPerAddress;

  @Option(
      names = "--slow-tick",
      defaultValue = "2",
      description = "Seconds between two bytes of a slow connection (default ${DEFAULT-VALUE}).")
  double slowTick;

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
      ChatClient api = new ChatClient(target.bases);
      ProgressBar progress =
          new ProgressBar(
              err,
              2L * clients
                  + (long) ((warmup + duration) * rate)
                  + (slowBodies + slowHeads > 0 ? (long) (duration * rate) : 0));
      progress.label("signing up " + clients + " users");
      Community community = Community.create(api, groups, groupSize, progress::advance);
      DeliveryTracker tracker = new DeliveryTracker(clients, groupSize);
      Frames frames = new Frames(tracker);
      List<List<MemberSocket>> sockets = new ArrayList<>();
      progress.label("connecting " + clients + " clients");
      List<URI> wsNodes =
          target.bases.stream()
              .map(b -> URI.create("ws://" + b.getHost() + ":" + b.getPort() + "/v1/ws"))
              .toList();
      int member = 0;
      HttpClient http = HttpClient.newHttpClient();
      for (Community.Group g : community.groups()) {
        if (member % 100 == 0) {
          http = HttpClient.newHttpClient(); // spreads sockets over several selector threads
        }
        List<MemberSocket> open = new ArrayList<>();
        for (ChatClient.Account a : g.members()) {
          URI ws = wsNodes.get(member % wsNodes.size());
          open.add(MemberSocket.openText(http, ws, a.token(), member++, frames));
          progress.advance(1);
        }
        sockets.add(open);
      }
      boolean attack = slowBodies + slowHeads > 0;
      progress.label(
          String.format(Locale.ROOT, "posting %.0f/s for %.0f s", rate, warmup + duration));
      long interval = (long) (1e9 / rate);
      long first = (long) ((warmup + duration) * rate);
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      tracker.recordFrom = start + (long) (warmup * 1e9);
      Probe probe = new Probe(target.base(), community.groups().get(0).members().get(0).token());
      probe.start(tracker);
      post(sockets, community, tracker, progress, 0, first, start, interval, groups);
      long total = first;
      Slowloris slowloris = null;
      try {
        if (attack) {
          tracker.awaitSettled(first, 30);
          progress.label("opening " + (slowBodies + slowHeads) + " slow connections");
          slowloris =
              Slowloris.start(
                  target.base(),
                  slowBodies,
                  slowHeads,
                  slowPerAddress,
                  Duration.ofMillis((long) (slowTick * 1000)));
          attackOpened = slowloris.open();
          progress.label(
              String.format(Locale.ROOT, "posting %.0f/s for %.0f s under attack", rate, duration));
          long second = (long) (duration * rate);
          long start2 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
          tracker.duringFrom = start2;
          post(sockets, community, tracker, progress, first, second, start2, interval, groups);
          total += second;
        }
        progress.label("waiting for the last deliveries");
        tracker.awaitSettled(total, 30);
        if (slowloris != null) {
          attackOpenAtEnd = slowloris.open();
          attackReopened = slowloris.reopened();
        }
      } finally {
        probe.stop();
        if (slowloris != null) {
          slowloris.close();
        }
      }
      progress.finish();
      sockets.forEach(list -> list.forEach(MemberSocket::close));
      outcome = frames.outcome(total);
      print(out, outcome, groups);
      if (attack) {
        printAttack(out, tracker, probe);
      }
      return outcome.clean() ? 0 : 2;
    }
  }

  long attackOpened;
  long attackOpenAtEnd;
  long attackReopened;

  /**
   * Posts {@code count} messages from index {@code from}, the i-th at {@code start + i·interval}.
   */
  private void post(
      List<List<MemberSocket>> sockets,
      Community community,
      DeliveryTracker tracker,
      ProgressBar progress,
      long from,
      long count,
      long start,
      long interval,
      int groups)
      throws InterruptedException {
    OpenLoop.run(
        senders,
        groups,
        from,
        count,
        start,
        interval,
        (i, g, at) -> {
          MemberSocket poster = sockets.get(g).get((int) ((i / groups) % groupSize));
          poster.send(
              MemberSocket.sendMessage(community.groups().get(g).groupId(), "t=" + at, "p" + i));
          tracker.sent.incrementAndGet();
          progress.advance(1);
        });
  }

  private void printAttack(PrintWriter out, DeliveryTracker tracker, Probe probe) {
    // Copies: late deliveries (and the probe) may still be recording.
    Latency before = Latency.of(tracker.latency.copy());
    Latency during = Latency.of(tracker.duringLatency.copy());
    Latency restBefore = Latency.of(probe.before.copy());
    Latency restDuring = Latency.of(probe.during.copy());
    out.printf(
        Locale.ROOT,
        "slowloris: %d slow bodies + %d slow heads (one byte per %.1f s, %d per source address"
            + " from 127.0.0.2); %d open once opened, %d open at the end, %d cut off and"
            + " reopened%n",
        slowBodies,
        slowHeads,
        slowTick,
        slowPerAddress,
        attackOpened,
        attackOpenAtEnd,
        attackReopened);
    out.println(
        "| phase | deliveries | delivery p50 ms | delivery p99 ms | delivery max ms | REST GET /v1/me"
            + " p50 ms | REST p99 ms | REST max ms | REST failures |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    printPhase(out, "before", before, restBefore, probe.failedBefore.get());
    printPhase(out, "during", during, restDuring, probe.failedDuring.get());
    out.flush();
  }

  private static void printPhase(
      PrintWriter out, String phase, Latency delivery, Latency rest, long restFailures) {
    out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n",
        phase,
        delivery.count(),
        delivery.p50(),
        delivery.p99(),
        delivery.max(),
        rest.p50(),
        rest.p99(),
        rest.max(),
        restFailures);
  }

  /**
   * An ordinary REST client next to the load: {@code GET /v1/me} every 100 ms, its latency kept
   * apart for before and during the attack.
   */
  private static final class Probe {
    final Histogram before = new ConcurrentHistogram(60_000_000L, 3);
    final Histogram during = new ConcurrentHistogram(60_000_000L, 3);
    final AtomicLong failedBefore = new AtomicLong();
    final AtomicLong failedDuring = new AtomicLong();
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpRequest request;
    private volatile boolean running = true;
    private Thread thread;

    Probe(URI base, String token) {
      request =
          HttpRequest.newBuilder(base.resolve("/v1/me"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
    }

    void start(DeliveryTracker tracker) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  long sent = System.nanoTime();
                  boolean ok;
                  try {
                    ok =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                            == 200;
                  } catch (java.io.IOException e) {
                    ok = false;
                  } catch (InterruptedException e) {
                    return;
                  }
                  long took = System.nanoTime() - sent;
                  if (sent >= tracker.recordFrom) {
                    boolean under = tracker.duringFrom > 0 && sent >= tracker.duringFrom;
                    if (ok) {
                      Latency.recordNanos(under ? during : before, took);
                    } else {
                      (under ? failedDuring : failedBefore).incrementAndGet();
                    }
                  }
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
              },
              "load-rest-probe");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() {
      running = false;
      thread.interrupt();
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
  private record Target(List<URI> bases, AutoCloseable owned) implements AutoCloseable {
    URI base() {
      return bases.get(0);
    }

    @Override
    public void close() throws Exception {
      if (owned != null) {
        owned.close();
      }
    }
  }

  private Target target(Backends backends) {
    if (url != null && !url.isEmpty()) {
      return new Target(List.copyOf(url), null);
    }
    ServerConfig.Builder config =
        ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000);
    backends.configure(config, store, cache);
    Deployment d = new StandaloneRuntime().start(config.build());
    return new Target(List.of(d.baseUri()), d);
  }

  /**
   * HooChat's frames to one load run's clients: a {@code message} is a delivery of its group's
   * {@code seq} (which the server numbers 1, 2, 3, … per group), an {@code ack} says the group has
   * that many, an {@code error} is a rejected post; other frames ({@code presence}) are not about
   * posts. Reads only the fields it needs by position, not with a JSON tree: the clients share the
   * cores with the server under test.
   */
  private static final class Frames implements MemberSocket.TextSink {
    final DeliveryTracker tracker;
    final AtomicLong acked = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    Frames(DeliveryTracker tracker) {
      this.tracker = tracker;
    }

    @Override
    public void onText(MemberSocket socket, String frame, long arrivalNanos) {
      int group = socket.member() / tracker.groupSize();
      if (frame.startsWith("{\"type\":\"message\"")) {
        tracker.delivered(
            socket.member(),
            group,
            number(frame, "\"seq\":"),
            number(frame, "\"body\":\"t="),
            arrivalNanos);
      } else if (frame.startsWith("{\"type\":\"ack\"")) {
        acked.incrementAndGet();
        tracker.expect(group, number(frame, "\"seq\":"));
        tracker.answered.incrementAndGet();
      } else if (frame.startsWith("{\"type\":\"error\"")) {
        rejected.incrementAndGet();
        tracker.answered.incrementAndGet();
      }
      // presence (how many members are online) and the like say nothing about the posts
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

    Outcome outcome(long posts) {
      return new Outcome(
          posts,
          acked.get(),
          rejected.get(),
          tracker.deliveries.get(),
          tracker.deliveriesPerSecond(),
          Latency.of(tracker.latency.copy()),
          tracker.lost(),
          tracker.duplicated.get(),
          tracker.reordered.get());
    }
  }
}
