package dev.hoochat.adapters.lambda.boot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the WebSocket function ({@code $connect}, {@code $disconnect}, {@code
 * sendMessage}, {@code $default}): the runtime is built once, when Lambda loads it. A stream
 * handler, like the authorizer: the event is read and the answer written by {@link
 * dev.hoochat.adapters.lambda.WebSocketEvents}, so the Lambda runtime's reflective serializer (some
 * 700 classes, loaded and introspected on a cold start's first event) never runs.
 */
public final class WebSocketFunction implements RequestStreamHandler {
  private final RequestStreamHandler handler;

  public WebSocketFunction() {
    handler = LambdaRuntime.shared().webSocket().streaming();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handler.handleRequest(input, output, context);
  }
}
