package dev.hoochat.adapters.lambda.bench;

import dev.hoochat.adapters.lambda.ConnectionsEndpointStub;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.adapters.lambda.localruntime.JarFunction;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the functions' AppCDS archives with this machine's JVM: one training run per function — the
 * shaded jar under the Lambda runtime interface client, as {@link ColdStartBench} starts it, with
 * {@code -XX:ArchiveClassesAtExit} — that answers the first events of a cold environment against
 * dynalite and Redis and is then shut down, when the JVM writes every class it loaded (the JDK's,
 * the runtime client's and, from the function's jar, those its class loader defined) to {@code
 * hoochat-lambda.<Function>.jsa} next to the jar.
 *
 * <p>An archive only serves the JVM build that wrote it; any other JVM, started with {@code
 * -Xshare:auto}, ignores it. Run through {@code adapters-lambda/bin/cds-archive}.
 */
public final class CdsArchive {
  private static final Logger log = LoggerFactory.getLogger(CdsArchive.class);

  private CdsArchive() {}

  /** Where the archive of {@code function} (the template's logical id) sits: next to the jar. */
  public static Path of(Path jar, String function) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    return jar.toAbsolutePath().resolveSibling(name + "." + function + ".jsa");
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : ColdStartBench.DEFAULT_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no shaded jar at " + jar + ": run mvn package first");
    }
    try (RedisTestServer redis = RedisTestServer.startLocal();
        ConnectionsEndpointStub connections = new ConnectionsEndpointStub()) {
      ColdStartBench.Backdrop backdrop = ColdStartBench.Backdrop.start(redis, connections);
      Map<String, String> handlers = SamTemplate.load().handlers();
      train(
          jar,
          ColdStartBench.AUTHORIZER,
          handlers.get(ColdStartBench.AUTHORIZER),
          backdrop,
          List.of(backdrop.authorizerEvent()));
      train(
          jar,
          ColdStartBench.WEBSOCKET,
          handlers.get(ColdStartBench.WEBSOCKET),
          backdrop,
          List.of(backdrop.sendMessageEvent()));
    }
  }

  private static void train(
      Path jar,
      String function,
      String handler,
      ColdStartBench.Backdrop backdrop,
      List<String> events)
      throws Exception {
    Path archive = of(jar, function);
    Files.deleteIfExists(archive);
    List<String> flags = new ArrayList<>();
    flags.add("-XX:ArchiveClassesAtExit=" + archive);
    flags.addAll(ColdStartBench.extraFlags());
    JarFunction training =
        JarFunction.start(
            jar,
            handler,
            backdrop.env(),
            flags,
            line -> {
              if (line.contains("cds") || line.contains("warning")) {
                log.info("{}: {}", function, line);
              }
            });
    try {
      for (String event : events) {
        training.invoke(event);
      }
    } finally {
      training.stop(Duration.ofMinutes(2));
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training run of " + function + " wrote no archive");
    }
    log.info("{}: {} ({} KB)", function, archive, Files.size(archive) / 1024);
  }
}
