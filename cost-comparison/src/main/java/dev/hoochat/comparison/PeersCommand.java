package dev.hoochat.comparison;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hoochat-compare peers}: the load tool's workload and client harness against HooChat and
 * against other systems that fan a message out to a group over WebSocket — Mosquitto (MQTT, the
 * pub/sub floor) and Prosody (XMPP multi-user chat) — each a process of its own, so that its CPU
 * time per delivery can be read from {@code /proc}. One table, one row per system per rate.
 */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "The load workload against HooChat, a bare Jetty broadcast (the floor), Mosquitto (MQTT)"
            + " and Prosody (XMPP MUC), one table.")
final class PeersCommand implements Callable<Integer> {

  @Option(
      names = "--peers",
      split = ",",
      defaultValue = "hoochat,jetty-floor,jetty-floor-batched,mosquitto,prosody",
      description = "Systems to measure, in this order (default ${DEFAULT-VALUE}).")
  List<String> peers;

  @Option(
      names = "--clients",
      defaultValue = "500",
      description = "WebSocket clients, one per member (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--group-size",
      defaultValue = "50",
      description = "Members per group (default ${DEFAULT-VALUE}).")
  int groupSize;

  @Option(
      names = "--rate",
      split = ",",
      defaultValue = "100",
      description =
          "Posts per second, all groups together; a comma list runs each in turn on the same"
              + " clients (default ${DEFAULT-VALUE}).")
  List<Double> rates;

  @Option(
      names = "--duration",
      defaultValue = "10",
      description = "Seconds of measured posting per rate (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Seconds of posting first, not measured (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--jit-warmup",
      defaultValue = "30",
      description =
          "Seconds of posting at the first rate before its warm-up, so that a Java server's JIT has"
              + " compiled its hot paths before anything is measured; 0 measures a server still"
              + " compiling (default ${DEFAULT-VALUE}).")
  double jitWarmup;

  @Option(
      names = "--senders",
      defaultValue = "2",
      description = "Threads sending posts (default ${DEFAULT-VALUE}).")
  int senders;

  @Option(
      names = "--settle",
      defaultValue = "30",
      description =
          "Seconds to wait after the last post for the last deliveries (default ${DEFAULT-VALUE}).")
  int settle;

  @Option(
      names = "--server-jar",
      description = "HooChat's server jar (default: adapters-javalin/target/hoochat-server.jar).")
  Path serverJar;

  @Option(
      names = "--jvm-flag",
      description =
          "A flag for the JVM of each Java server (HooChat and both floors alike), e.g."
              + " -Xlog:gc:file=gc.log; repeat for more.")
  List<String> jvmFlags = new ArrayList<>();

  @Spec CommandSpec spec;

  /** The last run's rows, for tests. */
  List<Row> rows = List.of();

  /** One system at one rate. */
  record Row(
      String system,
      double rate,
      long posts,
      long expectedDeliveries,
      long deliveries,
      double deliveriesPerSecond,
      Latency latency,
      long lost,
      long duplicated,
      long reordered,
      long strays,
      double cpuSeconds,
      double jitSeconds,
      long windowDeliveries) {

    double cpuMicrosPerDelivery() {
      return windowDeliveries == 0 ? 0 : cpuSeconds * 1e6 / windowDeliveries;
    }

    /** The part of {@link #cpuMicrosPerDelivery()} the JVM's compilers spent; 0 if not a JVM. */
    double jitMicrosPerDelivery() {
      return windowDeliveries == 0 ? 0 : jitSeconds * 1e6 / windowDeliveries;
    }

    /**
     * Every member got every post of its group once. Reordering is reported, not held against a
     * system: two posts of a group come from different members' connections, and no system here
     * promises to keep the order of two connections' messages (each keeps one connection's).
     */
    boolean clean() {
      return lost == 0 && duplicated == 0 && strays == 0 && deliveries == expectedDeliveries;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (clients < groupSize || clients % groupSize != 0) {
      throw new IllegalArgumentException("--clients must be a multiple of --group-size");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<PeerProtocol> systems = new ArrayList<>();
    for (String name : peers) {
      systems.add(protocol(name.trim()));
    }
    try {
      systems.forEach(PeerProtocol::check);
    } catch (ServerProcess.MissingPeer e) {
      err.println("peers: " + e.getMessage());
      err.flush();
      return 1;
    }
    int groups = clients / groupSize;
    List<Row> results = new ArrayList<>();
    for (PeerProtocol system : systems) {
      results.addAll(measure(system, groups, err));
    }
    results.sort(Comparator.comparingDouble(Row::rate)); // stable: systems in --peers order
    rows = List.copyOf(results);
    print(out, groups);
    return rows.stream().allMatch(Row::clean) ? 0 : 2;
  }

  private PeerProtocol protocol(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "hoochat" -> new HooChatPeer(serverJar, jvmFlags);
      case "jetty-floor" -> new JettyFloorPeer(false, jvmFlags);
      case "jetty-floor-batched" -> new JettyFloorPeer(true, jvmFlags);
      case "mosquitto" -> new MosquittoPeer();
      case "prosody" -> new ProsodyPeer();
      default ->
          throw new IllegalArgumentException(
              "unknown peer "
                  + name
                  + " (hoochat, jetty-floor, jetty-floor-batched, mosquitto, prosody)");
    };
  }

  /** Starts {@code system}, connects every member, runs each rate in turn, stops it all. */
  private List<Row> measure(PeerProtocol system, int groups, PrintWriter err) throws Exception {
    Path dir = Files.createTempDirectory("hoochat-peers-" + system.name() + "-");
    List<Row> measured = new ArrayList<>();
    List<List<PeerProtocol.Client>> members = new ArrayList<>();
    ProgressBar progress =
        new ProgressBar(
            err,
            2L * clients
                + (long) (jitWarmup * rates.get(0))
                + rates.stream().mapToLong(r -> (long) ((warmup + duration) * r)).sum());
    try (PeerProtocol.Server server = system.start(dir)) {
      progress.label(system.name() + ": preparing " + clients + " members");
      server.prepare(groups, groupSize, progress::advance);
      progress.label(system.name() + ": connecting " + clients + " clients");
      Router router = new Router();
      HttpClient http = HttpClient.newHttpClient();
      for (int g = 0; g < groups; g++) {
        List<PeerProtocol.Client> group = new ArrayList<>();
        for (int i = 0; i < groupSize; i++) {
          int member = g * groupSize + i;
          if (member % 100 == 0) {
            http = HttpClient.newHttpClient(); // spreads sockets over several selector threads
          }
          group.add(server.join(http, member, g, router));
          progress.advance(1);
        }
        members.add(group);
      }
      for (double rate : rates) {
        double warm = measured.isEmpty() ? jitWarmup + warmup : warmup;
        progress.label(
            String.format(
                Locale.ROOT,
                "%s: posting %.0f/s for %.0f s",
                system.name(),
                rate,
                warm + duration));
        measured.add(
            run(system.name(), server.process(), members, router, rate, warm, groups, progress));
      }
      progress.finish();
      return measured;
    } finally {
      members.forEach(list -> list.forEach(PeerProtocol.Client::close));
      deleteTree(dir);
    }
  }

  private Row run(
      String name,
      ServerProcess process,
      List<List<PeerProtocol.Client>> members,
      Router router,
      double rate,
      double warm,
      int groups,
      ProgressBar progress)
      throws InterruptedException {
    DeliveryTracker tracker = new DeliveryTracker(clients, groupSize);
    long interval = (long) (1e9 / rate);
    long posts = (long) ((warm + duration) * rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    tracker.ignoreBefore = start;
    tracker.recordFrom = start + (long) (warm * 1e9);
    router.current = tracker;
    AtomicReference<ServerProcess.Usage> atStart = new AtomicReference<>();
    Thread sampler =
        new Thread(
            () -> {
              long wait;
              while ((wait = tracker.recordFrom - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
              }
              atStart.set(process.usage());
            },
            "peers-cpu-sampler");
    sampler.start();
    OpenLoop.run(
        senders,
        groups,
        0,
        posts,
        start,
        interval,
        (i, g, at) -> {
          long n = i / groups + 1;
          tracker.expect(g, n);
          members.get(g).get((int) ((i / groups) % groupSize)).post(g, PostBody.of(g, n, at));
          tracker.sent.incrementAndGet();
          tracker.answered.incrementAndGet();
          progress.advance(1);
        });
    tracker.awaitSettled(posts, settle);
    sampler.join();
    ServerProcess.Usage atEnd = process.usage();
    return new Row(
        name,
        rate,
        posts,
        tracker.expectedDeliveries(),
        tracker.deliveries.get(),
        tracker.windowDeliveriesPerSecond(),
        Latency.of(tracker.latency.copy()),
        tracker.lost(),
        tracker.duplicated.get(),
        tracker.reordered.get(),
        tracker.strays.get(),
        atEnd.cpuSecondsSince(atStart.get()),
        atEnd.compilerSecondsSince(atStart.get()),
        tracker.arrivedInWindow.get());
  }

  /** Hands each client's deliveries to the tracker of the rate being run. */
  private static final class Router implements PeerProtocol.Deliveries {
    volatile DeliveryTracker current;

    @Override
    public void arrived(int member, CharSequence text, int from, long arrivalNanos) {
      DeliveryTracker tracker = current;
      if (tracker != null) {
        PostBody.deliver(tracker, member, text, from, arrivalNanos);
      }
    }
  }

  private void print(PrintWriter out, int groups) {
    out.printf(
        Locale.ROOT,
        "%d clients in %d groups of %d; each rate %.0f s measured after %.0f s warm-up (the first"
            + " after %.0f s more); clients and servers share this machine's %d cores%n",
        clients,
        groups,
        groupSize,
        duration,
        warmup,
        jitWarmup,
        Runtime.getRuntime().availableProcessors());
    out.println(
        "| system | posts/s target | deliveries/s achieved | p50 ms | p99 ms | p99.9 ms | lost |"
            + " server CPU µs/delivery | of which JIT |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %d | %.1f | %.1f |%n",
          r.system(),
          r.rate(),
          r.deliveriesPerSecond(),
          r.latency().p50(),
          r.latency().p99(),
          r.latency().p999(),
          r.lost(),
          r.cpuMicrosPerDelivery(),
          r.jitMicrosPerDelivery());
    }
    for (Row r : rows) {
      if (!r.clean() || r.reordered() > 0) {
        out.printf(
            Locale.ROOT,
            "%s: %s at %.0f posts/s: %d of %d deliveries, %d lost, %d duplicated, %d to the wrong"
                + " group; %d reordered (a post of a group before an earlier one, from another"
                + " member's connection)%n",
            r.clean() ? "note" : "check FAILED",
            r.system(),
            r.rate(),
            r.deliveries(),
            r.expectedDeliveries(),
            r.lost(),
            r.duplicated(),
            r.strays(),
            r.reordered());
      }
    }
    if (rows.stream().allMatch(Row::clean)) {
      out.println("check: every member got every post of its group once");
    }
    out.flush();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
