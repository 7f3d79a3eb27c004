package dev.hoochat.localservers.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DynamoDB-compatible server on loopback, for tests and the cost lab. Uses the server named by
 * {@value #ENDPOINT_ENV} when that is set; otherwise starts dynalite (pinned in {@code
 * local-servers/dynalite}, installed by {@code npm ci}) with {@code node} on a free port, its data
 * in a temporary folder so that {@link #stop()} and {@link #restart()} play an outage: the same
 * port, the same tables and items afterwards.
 *
 * <p>A missing {@code node} or dynalite is a failure with the command that fixes it, never a skip.
 */
public final class DynaliteLauncher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DynaliteLauncher.class);

  public static final String ENDPOINT_ENV = "HOOCHAT_TEST_DYNAMODB_ENDPOINT";
  static final String INSTALL_HINT = "run: npm ci --prefix local-servers/dynalite";

  private static final Duration START_PATIENCE = Duration.ofSeconds(30);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);
  private static final int PORT_TRIES = 5;

  private static DynaliteLauncher shared;

  private final Path cli;
  private final Path dataDir;
  private final URI endpoint;
  private final int port;
  private Process process;

  private DynaliteLauncher(Path cli, Path dataDir, int port, Process process) {
    this.cli = cli;
    this.dataDir = dataDir;
    this.port = port;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.process = process;
  }

  private DynaliteLauncher(URI external) {
    this.cli = null;
    this.dataDir = null;
    this.port = external.getPort();
    this.endpoint = external;
    this.process = null;
  }

  /**
   * One server for the whole test JVM, started on first use and stopped when the JVM exits. Tests
   * share it by using their own table or their own keys. Never stop it: use {@link #start()} for an
   * outage test.
   */
  public static synchronized DynaliteLauncher shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /**
   * The server at {@value #ENDPOINT_ENV} if set (checked to answer), otherwise a new dynalite of
   * its own, which the caller closes.
   */
  public static DynaliteLauncher start() {
    String configured = System.getenv(ENDPOINT_ENV);
    if (configured != null && !configured.isBlank()) {
      URI external = URI.create(configured.strip());
      if (!answers(external.getHost(), external.getPort())) {
        throw new IllegalStateException(
            ENDPOINT_ENV + "=" + configured + " but nothing answers there");
      }
      log.info("event=dynamodb_external endpoint={}", external);
      return new DynaliteLauncher(external);
    }
    return startOwn();
  }

  /**
   * A new dynalite of its own, whatever {@value #ENDPOINT_ENV} says: for tests that stop and
   * restart the server.
   */
  public static DynaliteLauncher startOwn() {
    Path cli = findCli();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("hoochat-dynalite-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data folder for dynalite", e);
    }
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt < PORT_TRIES; attempt++) {
      int port = freePort();
      Optional<Process> started = launch(cli, dataDir, port, failures);
      if (started.isPresent()) {
        log.info("event=dynalite_started port={}", port);
        DynaliteLauncher launcher = new DynaliteLauncher(cli, dataDir, port, started.get());
        // A test run that ends without closing it must not leave node running.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "dynalite-" + port));
        return launcher;
      }
    }
    deleteRecursively(dataDir);
    throw new IllegalStateException(
        "dynalite did not start in " + PORT_TRIES + " tries: " + String.join(" | ", failures));
  }

  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return port;
  }

  /** Whether this is a server someone else runs ({@value #ENDPOINT_ENV}): it cannot be stopped. */
  public boolean external() {
    return cli == null;
  }

  /** Stops the server and waits until its port refuses connections. */
  public synchronized void stop() {
    requireOwn("stop");
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping dynalite", e);
    }
    process = null;
    log.info("event=dynalite_stopped port={}", port);
  }

  /** Starts the server again on the same port with the same data; fails if the port was taken. */
  public synchronized void restart() {
    requireOwn("restart");
    if (process != null) {
      return;
    }
    List<String> failures = new ArrayList<>();
    process =
        launch(cli, dataDir, port, failures)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "dynalite did not restart on port " + port + ": " + failures));
    log.info("event=dynalite_restarted port={}", port);
  }

  public synchronized boolean running() {
    return external() || (process != null && process.isAlive());
  }

  @Override
  public synchronized void close() {
    if (external()) {
      return;
    }
    stop();
    deleteRecursively(dataDir);
  }

  private void requireOwn(String what) {
    if (external()) {
      throw new IllegalStateException(
          "cannot "
              + what
              + " the server at "
              + ENDPOINT_ENV
              + "; unset it to let tests start one");
    }
  }

  /**
   * Starts dynalite and waits until it says it listens (it prints that once the port accepts). An
   * exit before that (most often: the port was taken meanwhile) answers empty, with the reason.
   */
  private static Optional<Process> launch(Path cli, Path dataDir, int port, List<String> failures) {
    ProcessBuilder builder =
        new ProcessBuilder(
                node(),
                "--require",
                keepServing(cli).toString(),
                cli.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--path",
                dataDir.toString(),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run node (" + e.getMessage() + "): install Node.js 20+, then " + INSTALL_HINT, e);
    }
    CountDownLatch listening = new CountDownLatch(1);
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (line.contains("listening")) {
                    listening.countDown();
                  }
                  log.debug("event=dynalite_output port={} line={}", port, line);
                }
              } catch (IOException e) {
                log.debug("event=dynalite_output_closed port={}", port);
              }
            },
            "dynalite-" + port);
    reader.setDaemon(true);
    reader.start();
    Instant deadline = Instant.now().plus(START_PATIENCE);
    try {
      while (Instant.now().isBefore(deadline)) {
        if (listening.await(50, TimeUnit.MILLISECONDS)) {
          return Optional.of(process);
        }
        if (!process.isAlive()) {
          reader.join(1000);
          synchronized (output) {
            failures.add("port " + port + ": exited " + process.exitValue() + ": " + output);
          }
          return Optional.empty();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting dynalite", e);
    }
    process.destroyForcibly();
    failures.add("port " + port + ": no answer within " + START_PATIENCE);
    return Optional.empty();
  }

  /** dynalite's CLI reads port 0 as "default", so a free port is found here and may be lost. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String node() {
    String configured = System.getenv("HOOCHAT_NODE");
    return configured == null || configured.isBlank() ? "node" : configured;
  }

  /**
   * The guard loaded before dynalite ({@code local-servers/dynalite/keep-serving.cjs}): without it,
   * one client that hangs up mid-request makes dynalite throw and exit.
   */
  private static Path keepServing(Path cli) {
    return cli.getParent().getParent().getParent().resolve("keep-serving.cjs");
  }

  /** Finds {@code local-servers/dynalite} above the working folder (a module or the root). */
  private static Path findCli() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("local-servers").resolve("dynalite");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        Path cli = candidate.resolve("node_modules").resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
          throw new IllegalStateException(
              "dynalite is not installed in " + candidate + ": " + INSTALL_HINT);
        }
        return cli;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no local-servers/dynalite above "
            + Paths.get("").toAbsolutePath()
            + ": run the tests inside the HooChat tree, or set "
            + ENDPOINT_ENV);
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("event=dynalite_data_left dir={} reason={}", dir, e.getMessage());
    }
  }
}
