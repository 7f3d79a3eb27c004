package dev.hoochat.comparison;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.comparison.pricing.Activity;
import dev.hoochat.comparison.pricing.Usage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one configuration through a workload, phase by phase — set-up, sign-ins, connections, posts,
 * history reads, disconnections — reading the deployment's meters between phases so each activity's
 * usage is known on its own. Posts go one at a time over the WebSocket and each is timed until the
 * last connected member has it; every member must see its group's messages exactly once and in
 * order.
 */
final class WorkloadRunner {
  private static final Logger log = LoggerFactory.getLogger(WorkloadRunner.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Backends backends;
  private final ProgressBar progress;
  private final Consumer<Deployment> beforeStop;

  /** {@code beforeStop} sees each deployment after its run, before it stops (tests read it). */
  WorkloadRunner(Backends backends, ProgressBar progress, Consumer<Deployment> beforeStop) {
    this.backends = backends;
    this.progress = progress;
    this.beforeStop = beforeStop;
  }

  /** Progress steps one configuration takes. */
  static long steps(Workload w) {
    return 2L * w.users() + (long) w.groups() * w.connectedPerGroup() + w.posts() + w.reads();
  }

  RunResult run(Configuration c, Workload w) {
    ServerConfig.Builder config =
        ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000);
    backends.configure(config, c.store(), c.cache());
    progress.label(c.label() + ": starting");
    long started = System.nanoTime();
    try (Deployment d = ChatRuntime.named(c.runtime()).start(config.build())) {
      RunResult result = drive(c, w, d, started);
      beforeStop.accept(d);
      return result;
    }
  }

  private RunResult drive(Configuration c, Workload w, Deployment d, long started) {
    ChatClient api = new ChatClient(d.baseUri());
    Meter meter = new Meter(d);
    Map<Activity, Usage> used = new EnumMap<>(Activity.class);
    Map<Activity, Double> counts = new EnumMap<>(Activity.class);

    progress.label(c.label() + ": signing up " + w.users() + " users");
    Community community = Community.create(api, w.groups(), w.groupSize(), progress::advance);
    Usage setup = meter.phase().withClientTraffic(w.users() + w.groups(), 0);

    progress.label(c.label() + ": sign-ins");
    for (Community.Group g : community.groups()) {
      for (Account a : g.members()) {
        Reply reply =
            api.post(
                "/v1/sessions",
                null,
                "{\"handle\":\"" + a.handle() + "\",\"password\":\"" + Community.PASSWORD + "\"}");
        expect(reply, 200, "sign-in");
        progress.advance(1);
      }
    }
    counts.put(Activity.SIGN_IN, (double) w.users());
    used.put(Activity.SIGN_IN, meter.phase().withClientTraffic(w.users(), 0));

    progress.label(c.label() + ": connecting");
    Deliveries deliveries = new Deliveries();
    HttpClient http = HttpClient.newHttpClient();
    List<List<MemberSocket>> sockets = new ArrayList<>();
    int index = 0;
    for (Community.Group g : community.groups()) {
      List<MemberSocket> open = new ArrayList<>();
      for (int m = 0; m < w.connectedPerGroup(); m++) {
        open.add(
            MemberSocket.open(
                http, d.webSocketUri(), g.members().get(m).token(), index++, deliveries));
        progress.advance(1);
      }
      sockets.add(open);
    }
    int connects = w.groups() * w.connectedPerGroup();
    Usage connecting = meter.phase();

    progress.label(c.label() + ": posting");
    Histogram fanOut = Latency.histogram();
    Histogram ack = Latency.histogram();
    long[] nextSeq = new long[w.groups()];
    int warmup = w.posts() / 10;
    for (int p = 0; p < w.posts(); p++) {
      int g = p % w.groups();
      Community.Group group = community.groups().get(g);
      List<MemberSocket> members = sockets.get(g);
      MemberSocket poster = members.get((p / w.groups()) % members.size());
      long seq = ++nextSeq[g];
      Pending pending = new Pending(group.groupId(), seq, members.size());
      deliveries.expect(pending);
      long t0 = System.nanoTime();
      poster.send(MemberSocket.sendMessage(group.groupId(), "lab message " + p, "lab-" + p));
      pending.await();
      if (p >= warmup) {
        Latency.recordNanos(fanOut, pending.lastArrival.get() - t0);
        Latency.recordNanos(ack, pending.ackArrival.get() - t0);
      }
      progress.advance(1);
    }
    counts.put(Activity.POST, (double) w.posts());
    used.put(Activity.POST, meter.phase().withClientTraffic(0, w.posts()));
    double fanOutStoreReads =
        meter.lastDelta.sum(
                "hoochat_port_calls_total",
                l -> "store".equals(l.get("layer")) && "connectionsOf".equals(l.get("op")))
            / w.posts();
    double fanOutReadUnits =
        meter.lastDelta.sum(
                "hoochat_store_capacity_units_total",
                l -> "connectionsOf".equals(l.get("op")) && "read".equals(l.get("unit")))
            / w.posts();

    progress.label(c.label() + ": reading history");
    Histogram read = Latency.histogram();
    Random random = new Random(42);
    for (int r = 0; r < w.reads(); r++) {
      int g = r % w.groups();
      Community.Group group = community.groups().get(g);
      Account reader = group.members().get(random.nextInt(group.members().size()));
      long after = Math.max(0, nextSeq[g] - 20);
      long t0 = System.nanoTime();
      Reply reply =
          api.get("/v1/groups/" + group.groupId() + "/messages?after=" + after, reader.token());
      Latency.recordNanos(read, System.nanoTime() - t0);
      expect(reply, 200, "history read");
      progress.advance(1);
    }
    counts.put(Activity.READ, (double) w.reads());
    used.put(Activity.READ, meter.phase().withClientTraffic(w.reads(), 0));

    progress.label(c.label() + ": disconnecting");
    sockets.forEach(list -> list.forEach(MemberSocket::close));
    meter.awaitUnregistered(connects);
    Usage disconnecting = meter.phase();
    counts.put(Activity.CONNECT, (double) connects);
    used.put(Activity.CONNECT, connecting.plus(disconnecting).withClientTraffic(0, 0));

    Map<Activity, Usage> perActivity = new EnumMap<>(Activity.class);
    used.forEach((a, u) -> perActivity.put(a, u.per(counts.get(a))));
    Usage total = setup;
    for (Usage u : used.values()) {
      total = total.plus(u);
    }
    long expected = (long) w.posts() * w.connectedPerGroup();
    long problems = deliveries.problems.get() + Math.abs(expected - deliveries.received.get());
    log.info(
        "event=configuration_done config={} posts={} deliveries={} problems={}",
        c.label(),
        w.posts(),
        deliveries.received.get(),
        problems);
    return new RunResult(
        c,
        counts,
        perActivity,
        setup,
        total,
        fanOutStoreReads,
        fanOutReadUnits,
        Latency.of(fanOut),
        Latency.of(ack),
        Latency.of(read),
        deliveries.received.get(),
        problems,
        (System.nanoTime() - started) / 1e9);
  }

  private static void expect(Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + " answered " + reply.status() + " " + reply.text());
    }
  }

  /** Meters between phases: the deployment's counters and its runtime's own. */
  private static final class Meter {
    private final Deployment deployment;
    private MetricsSnapshot last;
    private Usage lastRuntime;
    MetricsSnapshot lastDelta = MetricsSnapshot.empty();

    Meter(Deployment deployment) {
      this.deployment = deployment;
      this.last = MetricsSnapshot.parse(deployment.metrics());
      this.lastRuntime = deployment.runtimeUsage();
    }

    /** Usage since the previous call. */
    Usage phase() {
      MetricsSnapshot now = MetricsSnapshot.parse(deployment.metrics());
      Usage runtime = deployment.runtimeUsage();
      lastDelta = now.minus(last);
      Usage used =
          lastDelta
              .usage()
              .withLambda(
                  runtime.lambdaInvocations() - lastRuntime.lambdaInvocations(),
                  runtime.lambdaSeconds() - lastRuntime.lambdaSeconds());
      last = now;
      lastRuntime = runtime;
      return used;
    }

    /** Waits until the server has forgotten {@code count} connections since the last phase. */
    void awaitUnregistered(int count) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        double done =
            MetricsSnapshot.parse(deployment.metrics())
                .minus(last)
                .sum(
                    "hoochat_port_calls_total",
                    l -> "store".equals(l.get("layer")) && "unregister".equals(l.get("op")));
        if (done >= count) {
          awaitQuiet(deployment, deadline);
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the server forgot " + (long) done + " of " + count + " connections within " + WAIT);
        }
        pause(2);
      }
    }
  }

  /**
   * Waits until two reads of the meters 20 ms apart agree: a closed connection's cache update
   * follows its store call, and the phase must not end between the two.
   */
  private static void awaitQuiet(Deployment deployment, long deadline) {
    Usage before = MetricsSnapshot.parse(deployment.metrics()).usage();
    while (System.nanoTime() < deadline) {
      pause(20);
      Usage now = MetricsSnapshot.parse(deployment.metrics()).usage();
      if (now.equals(before)) {
        return;
      }
      before = now;
    }
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One post in flight: the members still to receive it, and when the last and the ack came. */
  private static final class Pending {
    final String groupId;
    final long seq;
    final CountDownLatch remaining;
    final CountDownLatch acked = new CountDownLatch(1);
    final AtomicLong lastArrival = new AtomicLong();
    final AtomicLong ackArrival = new AtomicLong();

    Pending(String groupId, long seq, int members) {
      this.groupId = groupId;
      this.seq = seq;
      this.remaining = new CountDownLatch(members);
    }

    void await() {
      try {
        if (!remaining.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
            || !acked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              "message " + seq + " did not reach every member within " + WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /**
   * Every frame every member receives: counts deliveries, matches the post in flight, and checks
   * that each member sees its group's seqs as 1, 2, 3, … (a gap, a repeat or a swap is a problem).
   */
  private static final class Deliveries implements MemberSocket.Sink {
    final AtomicLong received = new AtomicLong();
    final AtomicLong problems = new AtomicLong();
    private final Map<Integer, Long> lastSeq = new ConcurrentHashMap<>();
    private volatile Pending pending;

    void expect(Pending p) {
      pending = p;
    }

    @Override
    public void onFrame(MemberSocket socket, JsonNode frame, long arrivalNanos) {
      String type = frame.path("type").asText();
      Pending p = pending;
      if ("message".equals(type)) {
        received.incrementAndGet();
        long seq = frame.path("seq").asLong();
        Long before = lastSeq.put(socket.member(), seq);
        if (seq != (before == null ? 1 : before + 1)) {
          problems.incrementAndGet();
        }
        if (p != null && seq == p.seq && p.groupId.equals(frame.path("groupId").asText())) {
          p.lastArrival.accumulateAndGet(arrivalNanos, Math::max);
          p.remaining.countDown();
        }
      } else if ("ack".equals(type)) {
        if (p != null && p.seq == frame.path("seq").asLong()) {
          p.ackArrival.set(arrivalNanos);
          p.acked.countDown();
        }
      } else if (!"presence".equals(type)) {
        // Presence counts are pushed as the members connect (API.md): expected, and no problem.
        problems.incrementAndGet();
        log.warn("event=unexpected_frame type={} code={}", type, frame.path("code").asText());
      }
    }
  }
}
