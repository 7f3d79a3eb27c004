package dev.hoochat.adapters.lambda.hostile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoochat.adapters.lambda.ApiGatewayEvents;
import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import dev.hoochat.application.port.out.PortMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lambda runtimes built separately, as two execution environments are, from one environment; and
 * the API Gateway events the hostile tests feed their handlers, through the runtime's serializers.
 */
final class Runtimes {
  static final ObjectMapper JSON = new ObjectMapper();

  private Runtimes() {}

  static LambdaRuntime start(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(LambdaDeployment.localEnvironment());
    env.putAll(environment);
    return LambdaRuntime.start(
        LambdaSettings.fromEnvironment(env), PortMetrics.NONE, UnaryOperator.identity());
  }

  static APIGatewayV2HTTPResponse http(
      LambdaRuntime runtime, String event, Map<String, String> vars) {
    APIGatewayV2HTTPEvent parsed =
        LambdaFunction.serializer(APIGatewayV2HTTPEvent.class)
            .fromJson(ApiGatewayEvents.json(event, vars));
    return runtime.http().handleRequest(parsed, null);
  }

  static APIGatewayV2WebSocketResponse webSocket(
      LambdaRuntime runtime, String event, Map<String, String> vars) {
    APIGatewayV2WebSocketEvent parsed =
        LambdaFunction.serializer(APIGatewayV2WebSocketEvent.class)
            .fromJson(ApiGatewayEvents.json(event, vars));
    return runtime.webSocket().handleRequest(parsed, null);
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
