package dev.hoochat.adapters.lambda.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * A Lambda function run as AWS runs it: the deployable jar in a fresh JVM, started and fed by the
 * AWS Lambda Java runtime interface client ({@code aws-lambda-java-runtime-interface-client}, the
 * runtime of Lambda's Java container images), which loads the handler named in the template from
 * the task root with its own class loader and (de)serializes events itself. The runtime talks to a
 * loopback {@link RuntimeApi}. Nothing of the test's own classpath reaches the function: what works
 * here works because the jar holds it.
 */
public final class JarFunction implements LambdaFunction, AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int KEPT_LINES = 200;

  /**
   * Where the runtime client loads its native library from when set; otherwise every JVM unpacks it
   * to the one path {@code /tmp/.libaws-lambda-jni.so} while the others may be loading it, and a
   * JVM that maps a half-written copy dies of SIGBUS.
   */
  private static final String NATIVE_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static Path nativeLibrary;

  private final RuntimeApi api;
  private final Process process;
  private final Path taskRoot;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final long launchedAt;

  private JarFunction(RuntimeApi api, Process process, Path taskRoot, long launchedAt) {
    this.api = api;
    this.process = process;
    this.taskRoot = taskRoot;
    this.launchedAt = launchedAt;
  }

  /**
   * Starts one execution environment of {@code handler} ({@code Class::method}) from {@code jar}.
   * {@code environment} is the function's configuration; every line the function prints goes to
   * {@code output} (Lambda would send it to CloudWatch Logs).
   */
  public static JarFunction start(
      Path jar,
      String handler,
      Map<String, String> environment,
      List<String> jvmFlags,
      Consumer<String> output) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no Lambda jar at " + jar + ": build it with mvn -pl adapters-lambda -am package");
    }
    String name = handler.substring(handler.lastIndexOf('.') + 1).replace("::handleRequest", "");
    RuntimeApi api = new RuntimeApi(name);
    try {
      Path taskRoot = Files.createTempDirectory("hoochat-lambda-task");
      Files.createDirectories(taskRoot.resolve("lib"));
      Files.createSymbolicLink(
          taskRoot.resolve("lib").resolve("function.jar"), jar.toAbsolutePath());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmFlags);
      privateNativeLibrary()
          .ifPresent(library -> command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library));
      command.addAll(List.of("-cp", runtimeClasspath(), AWSLambda.class.getName(), handler));
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", handler);
      env.put("AWS_LAMBDA_FUNCTION_NAME", name);
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
      env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
      env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      env.put("TZ", ":UTC");
      env.putAll(environment);
      long launchedAt = System.nanoTime();
      JarFunction function = new JarFunction(api, builder.start(), taskRoot, launchedAt);
      function.pump(output);
      return function;
    } catch (IOException e) {
      api.close();
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The processor time the function's JVM has used so far (all its threads, user and system), or
   * zero where the platform does not tell. Unlike elapsed time it hardly depends on what else the
   * machine is running.
   */
  public Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The process id of the function's JVM. */
  public long pid() {
    return process.pid();
  }

  /** {@link System#nanoTime()} when the JVM was launched. */
  public long launchedAt() {
    return launchedAt;
  }

  @Override
  public String invoke(String eventJson) {
    try {
      return api.invoke(eventJson, TIMEOUT, process::isAlive);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; its last output:\n" + lastOutput(), e);
    }
  }

  /**
   * The runtime client's native library for this machine, unpacked once per test JVM into a
   * directory of its own; empty where the client ships none for this architecture (it then unpacks
   * its own, as on Lambda).
   */
  private static synchronized Optional<Path> privateNativeLibrary() throws IOException {
    if (nativeLibrary == null) {
      String arch = System.getProperty("os.arch");
      String name =
          switch (arch) {
            case "amd64", "x86_64" -> "libaws-lambda-jni.linux-x86_64.so";
            case "aarch64" -> "libaws-lambda-jni.linux-aarch_64.so";
            default -> null;
          };
      if (name == null) {
        return Optional.empty();
      }
      try (InputStream in = AWSLambda.class.getResourceAsStream("/jni/" + name)) {
        if (in == null) {
          return Optional.empty();
        }
        Path directory = Files.createTempDirectory("hoochat-lambda-jni");
        Path library = directory.resolve(name);
        Files.copy(in, library);
        directory.toFile().deleteOnExit();
        library.toFile().deleteOnExit();
        nativeLibrary = library;
      }
    }
    return Optional.of(nativeLibrary);
  }

  /** The runtime interface client and what it needs, and nothing else. */
  private static String runtimeClasspath() {
    return String.join(
        File.pathSeparator,
        location(AWSLambda.class),
        location(PojoSerializer.class),
        location(RequestHandler.class),
        location(SdkInternalThreadLocal.class));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pump(Consumer<String> output) {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                      lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                  }
                  output.accept(line);
                }
              } catch (IOException e) {
                // the process is gone; its output ends here
              }
            },
            "lambda-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  private String lastOutput() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  /**
   * Asks the JVM to shut down (SIGTERM, as Lambda does when it retires an environment) and gives it
   * {@code grace} to exit on its own — long enough, say, to write a class-data archive at exit —
   * before it is killed.
   */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    api.close();
    try {
      Files.deleteIfExists(taskRoot.resolve("lib").resolve("function.jar"));
      Files.deleteIfExists(taskRoot.resolve("lib"));
      Files.deleteIfExists(taskRoot);
    } catch (IOException e) {
      // a scratch directory left in the temp folder; nothing depends on it
    }
  }
}
