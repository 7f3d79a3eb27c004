package dev.hoochat.adapters.lambda.boot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.hoochat.adapters.lambda.HttpApiHandler;

/** Lambda entry point of the HTTP API function: the runtime is built once, when Lambda loads it. */
public final class HttpApiFunction
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final HttpApiHandler handler;

  public HttpApiFunction() {
    handler = LambdaRuntime.shared().http();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return handler.handleRequest(event, context);
  }
}
