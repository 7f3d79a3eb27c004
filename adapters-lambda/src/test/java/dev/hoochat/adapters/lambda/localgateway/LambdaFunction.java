package dev.hoochat.adapters.lambda.localgateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda function as API Gateway sees it: event JSON in, response JSON out. Typed handlers are
 * fed through the serializers the Lambda Java runtime itself uses, so a handler that works here
 * reads its events the way it will on AWS.
 */
@FunctionalInterface
public interface LambdaFunction {

  String invoke(String eventJson);

  static <I, O> LambdaFunction of(RequestHandler<I, O> handler, Class<I> in, Class<O> out) {
    PojoSerializer<I> reader = serializer(in);
    PojoSerializer<O> writer = serializer(out);
    return json -> {
      O response = handler.handleRequest(reader.fromJson(json), null);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      writer.toJson(response, bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    };
  }

  static LambdaFunction of(RequestStreamHandler handler) {
    return json -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        handler.handleRequest(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), bytes, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toString(StandardCharsets.UTF_8);
    };
  }

  /** As the runtime chooses: the event library's own serializer, else its Jackson one. */
  static <T> PojoSerializer<T> serializer(Class<T> type) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }
}
