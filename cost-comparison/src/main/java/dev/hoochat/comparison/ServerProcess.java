package dev.hoochat.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server the lab started as a child process, its output in a file in its directory, and its CPU
 * time read from {@code /proc/PID/stat} (utime + stime, all its threads, in clock ticks).
 */
final class ServerProcess implements AutoCloseable {
  private static final long CLOCK_TICKS = clockTicks();

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code dir}, its stdout and stderr to {@code dir/NAME.log}. */
  static ServerProcess start(String name, List<String> command, Path dir, Map<String, String> env)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Process process = builder.start();
    // A lab stopped with Ctrl-C must not leave its servers running.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(process::destroyForcibly, "stop-" + name + "-" + process.pid()));
    return new ServerProcess(name, process, log);
  }

  /**
   * Starts a Java server on this lab's own JVM: {@code java}, then {@code jvmFlags}, then {@code
   * args} (a {@code -jar} or {@code -cp} and what follows), as {@link #start}.
   */
  static ServerProcess startJava(String name, List<String> jvmFlags, List<String> args, Path dir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(args);
    return start(name, command, dir, Map.of());
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds the process has used so far, user and system, all threads. */
  double cpuSeconds() {
    try {
      return ticksToSeconds(Path.of("/proc/" + process.pid() + "/stat"));
    } catch (IOException e) {
      throw new UncheckedIOException(name + " is gone (no /proc/" + process.pid() + ")", e);
    }
  }

  /**
   * CPU seconds each live thread of a JVM's just-in-time compilers has used so far, by thread id:
   * HotSpot names them {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>} (Linux cuts a
   * thread's name to 15 characters). Empty for a process that is not a JVM. A compiler thread that
   * HotSpot retires between two snapshots takes its time since the first with it, so a difference
   * of two snapshots can only undercount.
   */
  Map<String, Double> compilerCpuSeconds() {
    Map<String, Double> byThread = new HashMap<>();
    Path tasks = Path.of("/proc/" + process.pid() + "/task");
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String comm = Files.readString(thread.resolve("comm")).strip();
          if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            byThread.put(thread.getFileName().toString(), ticksToSeconds(thread.resolve("stat")));
          }
        } catch (IOException gone) {
          // the thread ended while we looked: nothing to count from it
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + " is gone (no " + tasks + ")", e);
    }
    return byThread;
  }

  /** The process's CPU time and its compilers' so far, read together. */
  Usage usage() {
    return new Usage(cpuSeconds(), compilerCpuSeconds());
  }

  /** A reading of {@link #usage()}: what the process used, and of it what its compilers used. */
  record Usage(double cpuSeconds, Map<String, Double> compilers) {
    double cpuSecondsSince(Usage earlier) {
      return cpuSeconds - earlier.cpuSeconds;
    }

    double compilerSecondsSince(Usage earlier) {
      return compilerSecondsBetween(earlier.compilers, compilers);
    }
  }

  /** Seconds of JIT compilation between two {@link #compilerCpuSeconds()} snapshots. */
  static double compilerSecondsBetween(Map<String, Double> before, Map<String, Double> after) {
    return after.entrySet().stream()
        .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0))
        .sum();
  }

  private static double ticksToSeconds(Path stat) throws IOException {
    String line = Files.readString(stat);
    // After "pid (comm) ": state is field 3, utime 14, stime 15.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
  }

  /** Waits until the server accepts connections on {@code port}, or fails with its log. */
  void awaitPort(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      requireAlive();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException(name + " did not listen on " + port + " in time:\n" + tail());
  }

  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.:]+)");

  /**
   * Waits for a Java server of this lab (HooChat's jar, the Jetty floor) to print {@code listening
   * on http://HOST:PORT}; returns that address. A server that never does is stopped.
   */
  java.net.URI awaitListening() {
    try {
      return java.net.URI.create(awaitOutput(LISTENING, Duration.ofSeconds(60)));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Waits for a line of output matching {@code pattern}; returns its first group. */
  String awaitOutput(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(output());
      if (m.find()) {
        return m.group(1);
      }
      requireAlive();
      sleep(50);
    }
    throw new IllegalStateException(name + " did not start in time:\n" + tail());
  }

  private void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with status " + process.exitValue() + ":\n" + tail());
    }
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last lines of the server's output, for an error message. */
  String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A loopback port free a moment ago. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The executable {@code binary} from the PATH (or /usr/sbin, where Debian puts daemons); fails in
   * one line naming the Debian package that provides it.
   */
  static Path require(String binary, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, binary);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new MissingPeer(
        binary
            + " not found: install the Debian package "
            + debianPackage
            + " (apt-get install "
            + debianPackage
            + ")");
  }

  /** A system under test is not installed. */
  static final class MissingPeer extends RuntimeException {
    MissingPeer(String message) {
      super(message);
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
