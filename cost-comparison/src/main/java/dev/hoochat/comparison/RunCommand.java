package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.CostModel;
import dev.hoochat.comparison.pricing.PriceList;
import dev.hoochat.comparison.pricing.Traffic;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hoochat-compare run}: one workload over every chosen combination of store, cache and
 * runtime; prints the table and writes CSV, JSON and HTML reports.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a workload over store x cache x runtime and reports meters, latency and cost.",
      "The seed: groups of 50, all connected; 100 messages, 10 history reads, 1 sign-in and",
      "1 connection per user a day; costs at 10,000 daily users."
    })
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--workload",
      defaultValue = "seed",
      description = "seed or parametric (default ${DEFAULT-VALUE}).")
  String workload;

  @Option(
      names = "--stores",
      split = ",",
      defaultValue = "sqlite,memory,dynamodb",
      description =
          "Stores; sqlite runs on the standalone runtime only (default ${DEFAULT-VALUE}).")
  List<StoreChoice> stores;

  @Option(
      names = "--caches",
      split = ",",
      defaultValue = "none,memory,redis,momento",
      description = "Caches (default ${DEFAULT-VALUE}).")
  List<CacheChoice> caches;

  @Option(
      names = "--runtimes",
      split = ",",
      defaultValue = "standalone",
      description = "Runtimes (default ${DEFAULT-VALUE}).")
  List<String> runtimes;

  @Option(
      names = "--posts",
      defaultValue = "400",
      description = "Posts measured per configuration (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(
      names = "--reads",
      defaultValue = "100",
      description = "History reads measured per configuration (default ${DEFAULT-VALUE}).")
  int reads;

  @Option(
      names = "--groups",
      defaultValue = "2",
      description = "Groups in the run (default ${DEFAULT-VALUE}).")
  int groups;

  @Option(
      names = "--group-size",
      defaultValue = "50",
      description = "parametric: members per group (default ${DEFAULT-VALUE}).")
  int groupSize;

  @Option(
      names = "--connected",
      defaultValue = "-1",
      description = "parametric: members connected per group (default: all).")
  int connected;

  @Option(
      names = "--daily-users",
      defaultValue = "10000",
      description = "Traffic the costs are stated at (default ${DEFAULT-VALUE}).")
  long dailyUsers;

  @Option(
      names = "--posts-per-user",
      defaultValue = "100",
      description = "Messages per user a day (default ${DEFAULT-VALUE}).")
  double postsPerUser;

  @Option(
      names = "--reads-per-user",
      defaultValue = "10",
      description = "History reads per user a day (default ${DEFAULT-VALUE}).")
  double readsPerUser;

  @Option(
      names = "--sign-ins-per-user",
      defaultValue = "1",
      description = "Sign-ins per user a day (default ${DEFAULT-VALUE}).")
  double signInsPerUser;

  @Option(
      names = "--connected-hours",
      defaultValue = "2",
      description =
          "Hours each user is connected a day (API Gateway connection minutes; default ${DEFAULT-VALUE}).")
  double connectedHours;

  @Option(
      names = "--prices",
      description = "A price file (CSV: key,usd,per,unit,source,date) instead of the built-in one.")
  Path pricesFile;

  @Option(
      names = "--out",
      defaultValue = "compare-report",
      description = "Folder for report.csv, report.json, report.html (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--redis-url", description = "Use this Redis instead of starting redis-server.")
  URI redisUrl;

  @Option(
      names = "--momento-endpoint",
      description = "Use this Momento test server (host:port) instead of starting one.")
  String momentoEndpoint;

  @Option(
      names = "--dynamodb-endpoint",
      description = "Use this DynamoDB endpoint instead of starting dynalite.")
  URI dynamoDbEndpoint;

  @Option(
      names = "--no-warmup",
      description = "Skip the untimed warm-up configuration (memory/memory) that runs first.")
  boolean noWarmup;

  @Spec CommandSpec spec;

  /** Tests watch each deployment before it stops. */
  Consumer<Deployment> beforeStop = d -> {};

  /** The last comparison, for tests. */
  Comparison result;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Workload w = workload();
    PriceList prices = pricesFile == null ? PriceList.defaults() : PriceList.read(pricesFile);
    CostModel model = new CostModel(prices);
    List<Configuration> configurations = new ArrayList<>();
    for (String runtime : runtimes) {
      ChatRuntime.named(runtime);
      for (StoreChoice store : stores) {
        if (store == StoreChoice.SQLITE && !runtime.equals("standalone")) {
          stderr.printf(
              "skipping sqlite on %s: SQLite is one process's store, and Lambda runs many%n",
              runtime);
          continue;
        }
        for (CacheChoice cache : caches) {
          configurations.add(new Configuration(store, cache, runtime));
        }
      }
    }
    ProgressBar progress =
        new ProgressBar(
            stderr, WorkloadRunner.steps(w) * (configurations.size() + (noWarmup ? 0 : 1)));
    List<Comparison.Row> rows = new ArrayList<>();
    try (Backends backends =
        new Backends(
            Optional.ofNullable(redisUrl),
            Optional.ofNullable(momentoEndpoint),
            Optional.ofNullable(dynamoDbEndpoint))) {
      WorkloadRunner runner = new WorkloadRunner(backends, progress, beforeStop);
      if (!noWarmup) {
        // The JIT warms on the first configuration; an untimed one keeps that out of the table.
        runner.run(new Configuration(StoreChoice.MEMORY, CacheChoice.MEMORY, runtimes.get(0)), w);
      }
      for (Configuration c : configurations) {
        RunResult r = runner.run(c, w);
        rows.add(
            new Comparison.Row(
                r,
                model.estimate(
                    c.storeName(),
                    c.cacheName(),
                    c.runtime(),
                    r.perActivity(),
                    w.traffic(),
                    w.groupSize())));
      }
    }
    progress.finish();
    result = new Comparison(w, prices, rows, Comparison.thisMachine(), Instant.now());
    Reports.table(result, stdout);
    Reports.csv(result, out.resolve("report.csv"));
    Reports.json(result, out.resolve("report.json"));
    Reports.html(result, out.resolve("report.html"));
    stdout.println();
    stdout.println("Reports: " + out.resolve("report.csv") + ", report.json, report.html");
    stdout.flush();
    boolean clean = rows.stream().allMatch(r -> r.result().deliveryProblems() == 0);
    return clean ? 0 : 2;
  }

  Workload workload() {
    Traffic traffic =
        new Traffic(dailyUsers, postsPerUser, readsPerUser, signInsPerUser, 1, connectedHours);
    return switch (workload) {
      // The seed: groups of 50, everyone connected, each message fanned out to every member.
      case "seed" -> new Workload("seed", 50, 50, groups, posts, reads, traffic);
      case "parametric" ->
          new Workload(
              "parametric",
              groupSize,
              connected < 0 ? groupSize : connected,
              groups,
              posts,
              reads,
              traffic);
      default -> throw new IllegalArgumentException("--workload must be seed or parametric");
    };
  }
}
