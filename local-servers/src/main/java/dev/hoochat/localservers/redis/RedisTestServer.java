package dev.hoochat.localservers.redis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * A real Redis on loopback, for tests and the cost lab. Uses {@code HOOCHAT_TEST_REDIS_URL} when it
 * is set; otherwise runs Debian's {@code redis-server} on a free port, without persistence, and can
 * stop it, start it again on the same port, or freeze it, so that outage tests see a Redis that is
 * gone or one that hangs. Without the binary it fails, saying how to install it: a test never
 * skips.
 *
 * <p>Testcontainers is deliberately not used: there is no Docker engine where these tests run, and
 * probing for one would slow every run for nothing. The Debian binary starts in milliseconds.
 */
public final class RedisTestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisTestServer.class);

  /** Points the tests at a Redis they did not start (and so cannot stop). */
  public static final String URL_VARIABLE = "HOOCHAT_TEST_REDIS_URL";

  static final Path DEBIAN_BINARY = Path.of("/usr/bin/redis-server");
  static final String INSTALL_HINT =
      "install it with `apt-get install redis-server` (Debian/Ubuntu),"
          + " or set "
          + URL_VARIABLE
          + " to a Redis the tests may use";

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration READY_DEADLINE = Duration.ofSeconds(15);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;

  private static final Set<RedisTestServer> LIVE = ConcurrentHashMap.newKeySet();
  private static RedisTestServer shared;

  static {
    // A test run that crashes must not leave redis-server processes behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(RedisTestServer::close), "redis-test-server-reaper"));
  }

  private final String url;
  private final int port;
  private final Path binary;
  private final Path workDir;
  private Process process;
  private boolean frozen;

  private RedisTestServer(String url, int port, Path binary, Path workDir) {
    this.url = url;
    this.port = port;
    this.binary = binary;
    this.workDir = workDir;
  }

  /**
   * A Redis for tests that only read and write: {@code HOOCHAT_TEST_REDIS_URL} when set, otherwise
   * a fresh local {@code redis-server}. Close it when done.
   */
  public static RedisTestServer start() {
    String external = System.getenv(URL_VARIABLE);
    if (external != null && !external.isBlank()) {
      return external(external.strip());
    }
    return startLocal();
  }

  /**
   * A local {@code redis-server} these tests own, whatever the environment says: for tests that
   * stop, restart or freeze it.
   */
  public static RedisTestServer startLocal() {
    Path binary = findBinary();
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      RedisTestServer server = new RedisTestServer(null, freePort(), binary, tempDir());
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) {
        // Another process may have taken the free port between our probe and redis' bind.
        server.close();
        last = e;
      }
    }
    throw last;
  }

  /**
   * One Redis shared by every test of this JVM (as {@link #start()}), so that a test class does not
   * pay for its own; stopped when the JVM exits. Do not stop or freeze it: use {@link
   * #startLocal()} for that.
   */
  public static synchronized RedisTestServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Where to connect: {@code redis://127.0.0.1:PORT} for a local server. */
  public String url() {
    return url != null ? url : "redis://" + LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Whether this server was started here, and so can be stopped, restarted and frozen. */
  public boolean isLocal() {
    return binary != null;
  }

  /** Shuts Redis down (SIGTERM) and waits until it has exited; clients then get refused. */
  public synchronized void stop() {
    requireLocal("stop");
    if (process == null) {
      return;
    }
    thaw();
    process.destroy();
    waitForExit(process);
    LIVE.remove(this);
    process = null;
    log.info("event=redis_test_server_stopped port={}", port);
  }

  /** Starts Redis again on the same port, empty, and waits until it answers PING. */
  public synchronized void startAgain() {
    requireLocal("start again");
    if (process != null) {
      return;
    }
    launch();
  }

  /**
   * Suspends the process (SIGSTOP): connections are accepted by the kernel but nothing answers, the
   * way a hung or partitioned Redis looks to a client.
   */
  public synchronized void freeze() {
    requireLocal("freeze");
    if (process == null || frozen) {
      return;
    }
    signal("STOP");
    frozen = true;
    log.info("event=redis_test_server_frozen port={}", port);
  }

  /** Resumes a frozen process (SIGCONT). */
  public synchronized void thaw() {
    requireLocal("thaw");
    if (process == null || !frozen) {
      return;
    }
    signal("CONT");
    frozen = false;
    log.info("event=redis_test_server_thawed port={}", port);
  }

  /**
   * Every string value and list entry the server holds, as {@code key=value} with the bytes read as
   * ISO-8859-1, read with a real client: what an anonymity check looks inside.
   */
  public List<String> contents() {
    List<String> texts = new ArrayList<>();
    try (RedisClient client = RedisClient.create(url())) {
      for (String key : client.keys("*")) {
        byte[] rawKey = key.getBytes(UTF_8);
        switch (client.type(key)) {
          case "string" -> texts.add(key + "=" + new String(client.get(rawKey), ISO_8859_1));
          case "list" -> {
            for (byte[] entry : client.lrange(rawKey, 0, -1)) {
              texts.add(key + "=" + new String(entry, ISO_8859_1));
            }
          }
          default -> texts.add(key + " (" + client.type(key) + ")");
        }
      }
    }
    return texts;
  }

  /** Stops a local server for good and removes its scratch directory; nothing for a remote one. */
  @Override
  public synchronized void close() {
    if (!isLocal()) {
      return;
    }
    kill();
    LIVE.remove(this);
    process = null;
    frozen = false;
    deleteTree(workDir);
  }

  @Override
  public String toString() {
    return isLocal() ? "local redis-server on port " + port : "Redis from " + URL_VARIABLE;
  }

  private static RedisTestServer external(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL_VARIABLE + " is not a URL: " + e.getMessage(), e);
    }
    return new RedisTestServer(url, uri.getPort() < 0 ? 6379 : uri.getPort(), null, null);
  }

  private void launch() {
    List<String> command =
        List.of(
            binary.toString(),
            "--port",
            Integer.toString(port),
            "--bind",
            LOOPBACK,
            // A cache: nothing survives a restart, nothing is written to disk.
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            workDir.toString(),
            "--logfile",
            "");
    File logFile = workDir.resolve("redis.log").toFile();
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run " + binary + " (" + e.getMessage() + "); " + INSTALL_HINT, e);
    }
    LIVE.add(this);
    Process started = process;
    try {
      awaitPing(started);
    } catch (IllegalStateException e) {
      kill();
      LIVE.remove(this);
      process = null;
      throw e;
    }
    log.info("event=redis_test_server_started port={} pid={}", port, started.pid());
  }

  /**
   * Polls until {@code started} answers PING; fails with redis' log if it exits first or does not
   * answer within {@link #READY_DEADLINE}.
   */
  private void awaitPing(Process started) {
    long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
    while (true) {
      if (!started.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with status "
                + started.exitValue()
                + " on port "
                + port
                + "; its log:\n"
                + readLog());
      }
      if (answersPing()) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(
            "redis-server on port "
                + port
                + " did not answer PING within "
                + READY_DEADLINE
                + "; its log:\n"
                + readLog());
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for redis-server", e);
      }
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(US_ASCII));
      out.flush();
      String reply =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII)).readLine();
      return "+PONG".equals(reply);
    } catch (IOException e) {
      return false;
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  private void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      waitForExit(running);
    }
  }

  private void waitForExit(Process running) {
    try {
      if (!running.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        running.destroyForcibly();
        running.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.destroyForcibly();
    }
  }

  private void requireLocal(String what) {
    if (!isLocal()) {
      throw new IllegalStateException(
          "cannot "
              + what
              + " the Redis at "
              + URL_VARIABLE
              + ": these tests do not own it; use RedisTestServer.startLocal()");
    }
  }

  private String readLog() {
    try {
      return Files.readString(workDir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Path findBinary() {
    if (Files.isExecutable(DEBIAN_BINARY)) {
      return DEBIAN_BINARY;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "redis-server not found (looked at " + DEBIAN_BINARY + " and on PATH); " + INSTALL_HINT);
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hoochat-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for redis-server", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      log.warn("event=redis_test_dir_not_removed dir={} reason={}", dir, e.getMessage());
    }
  }
}
