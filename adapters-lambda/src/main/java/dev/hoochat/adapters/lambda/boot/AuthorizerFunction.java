package dev.hoochat.adapters.lambda.boot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.hoochat.adapters.lambda.AuthorizerHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point of the authorizer both APIs share: the runtime is built once, when Lambda
 * loads it.
 */
public final class AuthorizerFunction implements RequestStreamHandler {
  private final AuthorizerHandler handler = LambdaRuntime.shared().authorizer();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handler.handleRequest(input, output, context);
  }
}
