package dev.hoochat.adapters.lambda;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.adapters.lambda.localruntime.JarFunction;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The deployable artifact behind the local gateway: each of the template's three functions runs
 * from the shaded jar in its own JVM under the Lambda runtime interface client, as three execution
 * environments on AWS would, sharing only the store and the cache. What the functions print is
 * kept, for the anonymity check of the log lines.
 */
public final class JarDeployment implements ChatDeployment {
  /** Where Maven's {@code package} phase leaves the jar; failsafe passes it in. */
  public static final Path JAR =
      Path.of(System.getProperty("hoochat.lambda.jar", "target/hoochat-lambda.jar"));

  private final LocalGateway gateway;
  private final List<JarFunction> functions;
  private final List<String> output;
  private final Supplier<List<String>> storeContents;

  private JarDeployment(
      LocalGateway gateway,
      List<JarFunction> functions,
      List<String> output,
      Supplier<List<String>> storeContents) {
    this.gateway = gateway;
    this.functions = functions;
    this.output = output;
    this.storeContents = storeContents;
  }

  /**
   * {@code environment}: the functions' settings (store, cache, keys); {@code storeContents} reads
   * back what the store and cache hold, as text.
   */
  public static JarDeployment start(
      Map<String, String> environment, Supplier<List<String>> storeContents) {
    SamTemplate template = SamTemplate.load();
    Map<String, String> handlers = template.handlers();
    List<JarFunction> functions = new ArrayList<>();
    List<String> output = new CopyOnWriteArrayList<>();
    LocalGateway gateway =
        LocalGateway.start(
            LocalGateway.Routes.of(template),
            endpoint -> {
              Map<String, String> env = new HashMap<>(environment);
              env.put("HOOCHAT_POST_LIMIT", "0");
              env.put("HOOCHAT_PASSWORD_ITERATIONS", "1000");
              env.put("HOOCHAT_WEBSOCKET_ENDPOINT", endpoint.toString());
              env.put("AWS_REGION", "us-east-1");
              // As Lambda provides them: the execution role's credentials, in the environment.
              env.put("AWS_ACCESS_KEY_ID", "local");
              env.put("AWS_SECRET_ACCESS_KEY", "local");
              env.put("AWS_SESSION_TOKEN", "local");
              JarFunction http = start(handlers.get("HttpApiFunction"), env, output, functions);
              JarFunction webSocket =
                  start(handlers.get("WebSocketFunction"), env, output, functions);
              JarFunction authorizer =
                  start(handlers.get("AuthorizerFunction"), env, output, functions);
              return new LocalGateway.Functions(http, webSocket, authorizer);
            });
    return new JarDeployment(gateway, functions, output, storeContents);
  }

  /**
   * The functions on a fresh dynalite table with the given cache settings; the store's contents are
   * every item of the table and, from {@code cacheContents}, whatever the cache holds.
   */
  public static JarDeployment onDynamoDb(
      Map<String, String> cacheEnvironment, Supplier<List<String>> cacheContents) {
    DynamoDbSettings dynamo = LocalBackends.freshTable("hoochat-jar");
    Map<String, String> env = new HashMap<>(cacheEnvironment);
    env.put("HOOCHAT_STORE", "dynamodb");
    env.put("HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString());
    env.put("HOOCHAT_DYNAMODB_TABLE", dynamo.table());
    env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
    env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
    return start(
        env,
        () -> {
          List<String> texts = new ArrayList<>(LocalBackends.items(dynamo));
          texts.addAll(cacheContents.get());
          return texts;
        });
  }

  private static JarFunction start(
      String handler, Map<String, String> env, List<String> output, List<JarFunction> started) {
    JarFunction function =
        JarFunction.start(
            JAR,
            handler,
            env,
            List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
            output::add);
    started.add(function);
    return function;
  }

  @Override
  public URI baseUri() {
    return gateway.baseUri();
  }

  @Override
  public List<String> storedTexts() {
    return storeContents.get();
  }

  @Override
  public Optional<String> metrics() {
    return Optional.empty();
  }

  @Override
  public List<String> logLines() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    gateway.close();
    functions.forEach(JarFunction::close);
  }
}
