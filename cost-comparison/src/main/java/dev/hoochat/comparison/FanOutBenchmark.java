package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.HooChatServer;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.apiclient.PortCalls;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cache's headline measurement: one member of a 50-member group, everyone connected, posts
 * messages over the WebSocket one at a time; each message is timed from the send to its arrival at
 * the last member, and the port counters of {@code /metrics} are divided by the messages sent. Then
 * the authorizer path (token → principal) is timed and counted the same way. One row per cache.
 */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    description = "Latency and port calls per message to a connected group, for each cache.")
final class FanOutBenchmark implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Option(
      names = "--store",
      defaultValue = "memory",
      description = "sqlite | memory | dynamodb (default ${DEFAULT-VALUE}).")
  StoreChoice store;

  @Option(
      names = "--caches",
      split = ",",
      defaultValue = "none,memory,redis,momento",
      description = "Caches to compare (default ${DEFAULT-VALUE}).")
  List<CacheChoice> caches;

  @Option(
      names = "--members",
      defaultValue = "50",
      description = "Group size, all connected (default ${DEFAULT-VALUE}).")
  int members;

  @Option(
      names = "--messages",
      defaultValue = "300",
      description = "Timed messages per cache (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(
      names = "--warmup",
      defaultValue = "200",
      description = "Untimed messages first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--auth-calls",
      defaultValue = "20000",
      description = "Timed authorizer calls per cache (default ${DEFAULT-VALUE}).")
  int authCalls;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    List<String> rows = new ArrayList<>();
    try (Backends servers = Backends.local()) {
      for (CacheChoice cache : caches) {
        ServerConfig config =
            servers
                .configure(
                    ServerConfig.embedded().toBuilder().postsPerMinute(0).passwordIterations(1_000),
                    store,
                    cache)
                .build();
        out.printf("… %s%n", label(cache));
        rows.add(measure(config, cache));
      }
    }
    out.println();
    out.printf(
        "%d members, all connected; %d timed messages after %d warm-up; %d authorizer calls; %d cores, Java %s%n",
        members,
        messages,
        warmup,
        authCalls,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    out.println(
        "| store/cache | fan-out median ms | fan-out p99 ms | ack median ms | store reads/msg | cache reads/msg | cache writes/msg | pushes/msg | authorizer median µs | authorizer p99 µs | store reads/auth | cache reads/auth |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(out::println);
    out.flush();
    return 0;
  }

  private String measure(ServerConfig config, CacheChoice cache) {
    try (HooChatServer server = HooChatServer.start(config)) {
      ChatClient api = new ChatClient(URI.create(server.baseUrl()));
      List<Account> accounts = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        accounts.add(api.signUp("bench_" + i, "correct horse"));
      }
      StringBuilder handles = new StringBuilder();
      for (Account a : accounts.subList(1, accounts.size())) {
        handles.append(handles.length() == 0 ? "" : ",").append('"').append(a.handle()).append('"');
      }
      String groupId =
          api.post(
                  "/v1/groups",
                  accounts.get(0).token(),
                  "{\"name\":\"bench\",\"members\":[" + handles + "]}")
              .json()
              .get("groupId")
              .asText();
      List<ChatSocket> sockets = new ArrayList<>();
      try {
        for (Account a : accounts) {
          sockets.add(api.connect(a.token()));
        }
        ChatSocket poster = sockets.get(0);
        for (int i = 1; i <= warmup; i++) {
          sendAndAwait(poster, sockets, groupId, i);
        }
        PortCalls before = PortCalls.parse(server.scrapeMetrics());
        Percentiles fanOut = new Percentiles();
        Percentiles ack = new Percentiles();
        for (int i = warmup + 1; i <= warmup + messages; i++) {
          long[] times = sendAndAwait(poster, sockets, groupId, i);
          fanOut.recordNanos(times[0]);
          ack.recordNanos(times[1]);
        }
        PortCalls perMessages = PortCalls.parse(server.scrapeMetrics()).minus(before);

        String token = accounts.get(1).token();
        for (int i = 0; i < 2_000; i++) {
          server.chat().authenticate().authenticate(token);
        }
        PortCalls beforeAuth = PortCalls.parse(server.scrapeMetrics());
        Percentiles auth = new Percentiles();
        for (int i = 0; i < authCalls; i++) {
          long start = System.nanoTime();
          server.chat().authenticate().authenticate(token);
          auth.recordNanos(System.nanoTime() - start);
        }
        PortCalls perAuth = PortCalls.parse(server.scrapeMetrics()).minus(beforeAuth);

        return String.format(
            Locale.ROOT,
            "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.0f | %.0f | %.3f | %.3f |",
            label(cache),
            fanOut.medianMillis(),
            fanOut.p99Millis(),
            ack.medianMillis(),
            per(perMessages.total("store", "read"), messages),
            per(perMessages.total("cache", "read"), messages),
            per(perMessages.total("cache", "write"), messages),
            per(perMessages.total("push", "write"), messages),
            auth.medianMillis() * 1000,
            auth.p99Millis() * 1000,
            per(perAuth.total("store", "read"), authCalls),
            per(perAuth.total("cache", "read"), authCalls));
      } finally {
        sockets.forEach(ChatSocket::close);
      }
    }
  }

  /** Sends message {@code seq} and waits for all members; answers {fan-out, ack} in nanoseconds. */
  private static long[] sendAndAwait(
      ChatSocket poster, List<ChatSocket> sockets, String groupId, int seq) {
    String clientId = "b" + seq;
    long start = System.nanoTime();
    poster.send(
        "{\"action\":\"sendMessage\",\"groupId\":\""
            + groupId
            + "\",\"body\":\"message "
            + seq
            + "\",\"clientMessageId\":\""
            + clientId
            + "\"}");
    long last = 0;
    for (ChatSocket socket : sockets) {
      socket.awaitMessages(groupId, seq, WAIT);
      last =
          Math.max(
              last,
              socket.arrivalNanos(
                  f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == seq));
    }
    poster.await(f -> clientId.equals(f.path("clientMessageId").asText()), WAIT);
    long acked =
        poster.arrivalNanos(
            f ->
                "ack".equals(f.path("type").asText())
                    && clientId.equals(f.path("clientMessageId").asText()));
    return new long[] {last - start, acked - start};
  }

  private static double per(long count, int of) {
    return (double) count / of;
  }

  private String label(CacheChoice cache) {
    return store.name().toLowerCase(Locale.ROOT) + "/" + cache.name().toLowerCase(Locale.ROOT);
  }
}
