package dev.hoochat.adapters.lambda.boot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.hoochat.adapters.lambda.WebSocketHandler;

/**
 * Lambda entry point of the WebSocket function ({@code $connect}, {@code $disconnect}, {@code
 * sendMessage}, {@code $default}): the runtime is built once, when Lambda loads it.
 */
public final class WebSocketFunction
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private final WebSocketHandler handler;

  public WebSocketFunction() {
    handler = LambdaRuntime.shared().webSocket();
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(
      APIGatewayV2WebSocketEvent event, Context context) {
    return handler.handleRequest(event, context);
  }
}
