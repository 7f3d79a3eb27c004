package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.hoochat.adapters.lambda.localgateway.LambdaFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API Gateway events in {@code src/test/resources/events}, as AWS sends them, with their {@code
 * ${name}} placeholders filled in (JSON-escaped), read through the Lambda runtime's own
 * serializers.
 */
public final class ApiGatewayEvents {
  private ApiGatewayEvents() {}

  public static String json(String name, Map<String, String> values) {
    String text;
    try (InputStream in = ApiGatewayEvents.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event file " + name);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value.getValue()));
      text = text.replace("${" + value.getKey() + "}", escaped);
    }
    return text;
  }

  public static APIGatewayV2HTTPEvent http(String name, Map<String, String> values) {
    return LambdaFunction.serializer(APIGatewayV2HTTPEvent.class).fromJson(json(name, values));
  }

  public static APIGatewayV2WebSocketEvent webSocket(String name, Map<String, String> values) {
    return LambdaFunction.serializer(APIGatewayV2WebSocketEvent.class).fromJson(json(name, values));
  }
}
