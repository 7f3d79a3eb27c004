package dev.hoochat.comparison;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.adapters.javalin.metrics.PrometheusPortMetricsAdapter;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.comparison.pricing.Usage;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The Lambda deployment in this process: the three handlers (HTTP API, WebSocket routes,
 * authorizer) behind adapters-lambda's local API Gateway, built from the same environment variables
 * as on AWS. Each invocation is counted and timed, billed as Lambda does (whole milliseconds,
 * rounded up), and the port meters are the standalone server's Prometheus adapter, so both runtimes
 * are metered alike. The durations are this machine's, with warm handlers: no cold starts.
 */
final class LambdaLocalRuntime implements ChatRuntime {

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public Deployment start(ServerConfig config) {
    // The local AWS settings adapters-lambda's LambdaDeployment gives every local run. Not read
    // from that class: it is the end-to-end suite's deployment, and this path runs without it.
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("HOOCHAT_AWS_ACCESS_KEY_ID", "local");
    env.put("HOOCHAT_AWS_SECRET_ACCESS_KEY", "local");
    // The lab's settings, as the Lambda runtime reads them (options it has not are left out).
    env.putAll(config.settings().environment());

    PrometheusPortMetricsAdapter metrics = new PrometheusPortMetricsAdapter();
    Invocations invocations = new Invocations();
    LambdaRuntime[] runtime = new LambdaRuntime[1];
    LocalGateway gateway =
        LocalGateway.start(
            LocalGateway.Routes.of(SamTemplate.load()),
            endpoint -> {
              env.put("HOOCHAT_WEBSOCKET_ENDPOINT", endpoint.toString());
              runtime[0] =
                  LambdaRuntime.start(
                      LambdaSettings.fromEnvironment(env), metrics, UnaryOperator.identity());
              return new LocalGateway.Functions(
                  invocations.timed(
                      LambdaFunction.of(
                          runtime[0].http(),
                          APIGatewayV2HTTPEvent.class,
                          APIGatewayV2HTTPResponse.class)),
                  invocations.timed(
                      LambdaFunction.of(
                          runtime[0].webSocket(),
                          APIGatewayV2WebSocketEvent.class,
                          APIGatewayV2WebSocketResponse.class)),
                  invocations.timed(LambdaFunction.of(runtime[0].authorizer())));
            });
    return new Deployment() {
      @Override
      public URI baseUri() {
        return gateway.baseUri();
      }

      @Override
      public URI webSocketUri() {
        return URI.create("ws://" + baseUri().getHost() + ":" + baseUri().getPort() + "/v1/ws");
      }

      @Override
      public String metrics() {
        return metrics.scrape();
      }

      @Override
      public Usage runtimeUsage() {
        return Usage.NONE.withLambda(
            invocations.count.sum(), invocations.billedMillis.sum() / 1000.0);
      }

      @Override
      public void close() {
        gateway.close();
        runtime[0].close();
      }
    };
  }

  /** Counts and times every function invocation, as Lambda bills it. */
  private static final class Invocations {
    final LongAdder count = new LongAdder();
    final LongAdder billedMillis = new LongAdder();

    LambdaFunction timed(LambdaFunction function) {
      return event -> {
        long start = System.nanoTime();
        try {
          return function.invoke(event);
        } finally {
          count.increment();
          billedMillis.add(Math.max(1, (System.nanoTime() - start + 999_999) / 1_000_000));
        }
      };
    }
  }
}
