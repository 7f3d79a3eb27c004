package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.RecordingCacheStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Lambda functions behind the local gateway, in this JVM: one runtime shared by the three
 * functions (as one store and cache would be shared on AWS), its cache writes recorded.
 */
public final class LambdaDeployment implements ChatDeployment {
  private final LocalGateway gateway;
  private final LambdaRuntime runtime;
  private final CountingPortMetricsAdapter metrics;
  private final List<RecordingCacheStore> caches;
  private final Supplier<List<String>> storeContents;

  private LambdaDeployment(
      LocalGateway gateway,
      LambdaRuntime runtime,
      CountingPortMetricsAdapter metrics,
      List<RecordingCacheStore> caches,
      Supplier<List<String>> storeContents) {
    this.gateway = gateway;
    this.runtime = runtime;
    this.metrics = metrics;
    this.caches = caches;
    this.storeContents = storeContents;
  }

  /** Environment every local run needs on top of the store and cache choice. */
  public static Map<String, String> localEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("HOOCHAT_POST_LIMIT", "0");
    env.put("HOOCHAT_PASSWORD_ITERATIONS", "1000");
    env.put("AWS_REGION", "us-east-1");
    env.put("HOOCHAT_AWS_ACCESS_KEY_ID", "local");
    env.put("HOOCHAT_AWS_SECRET_ACCESS_KEY", "local");
    return env;
  }

  public static LambdaDeployment start(Map<String, String> environment) {
    return start(environment, List::of);
  }

  /** {@code storeContents} dumps what a real store holds (a table scan), as text. */
  public static LambdaDeployment start(
      Map<String, String> environment, Supplier<List<String>> storeContents) {
    CountingPortMetricsAdapter metrics = new CountingPortMetricsAdapter();
    List<RecordingCacheStore> caches = new ArrayList<>();
    LambdaRuntime[] runtime = new LambdaRuntime[1];
    LocalGateway gateway =
        LocalGateway.start(
            LocalGateway.Routes.of(SamTemplate.load()),
            endpoint -> {
              Map<String, String> env = new HashMap<>(localEnvironment());
              env.putAll(environment);
              env.put("HOOCHAT_WEBSOCKET_ENDPOINT", endpoint.toString());
              runtime[0] =
                  LambdaRuntime.start(
                      LambdaSettings.fromEnvironment(env),
                      metrics,
                      cache -> {
                        RecordingCacheStore recording = new RecordingCacheStore(cache);
                        caches.add(recording);
                        return recording;
                      });
              return functionsOf(runtime[0]);
            });
    return new LambdaDeployment(gateway, runtime[0], metrics, caches, storeContents);
  }

  /**
   * The three functions of one execution environment, as the local gateway invokes them: the
   * WebSocket function reads events and writes answers as the jar's {@code WebSocketFunction} does.
   */
  public static LocalGateway.Functions functionsOf(LambdaRuntime runtime) {
    return new LocalGateway.Functions(
        LambdaFunction.of(
            runtime.http(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
        LambdaFunction.of(runtime.webSocket().streaming()),
        LambdaFunction.of(runtime.authorizer()));
  }

  public LambdaRuntime runtime() {
    return runtime;
  }

  public LocalGateway gateway() {
    return gateway;
  }

  @Override
  public URI baseUri() {
    return gateway.baseUri();
  }

  @Override
  public List<String> storedTexts() {
    List<String> texts = new ArrayList<>(storeContents.get());
    caches.forEach(c -> texts.addAll(c.written()));
    return texts;
  }

  @Override
  public List<String> heldTexts() {
    List<String> texts = new ArrayList<>(storeContents.get());
    caches.forEach(c -> texts.addAll(c.held()));
    return texts;
  }

  @Override
  public Optional<String> metrics() {
    return Optional.of(metrics.prometheusText());
  }

  @Override
  public void close() {
    gateway.close();
    runtime.close();
  }
}
