package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WebSocket function's event and answer as JSON, read and written with Jackson's streaming
 * parser and generator — what the Lambda runtime's own serializer would do for {@link
 * APIGatewayV2WebSocketEvent}, limited to the fields {@link WebSocketHandler} reads. The runtime's
 * serializer builds a data-binding Jackson and introspects the event classes on a cold start's
 * first event: some 700 classes and much reflection before the first {@code sendMessage} can
 * answer.
 *
 * <p>As with the runtime's serializer, a field given twice counts with its last value, and a field
 * of another type than expected reads as absent; a context entry keeps numbers and booleans as such
 * (the handler only takes strings from it).
 */
public final class WebSocketEvents {
  private static final JsonFactory JSON = new JsonFactory();

  private WebSocketEvents() {}

  /** Reads the event's first JSON value; anything that is not an object reads as an empty event. */
  public static APIGatewayV2WebSocketEvent read(InputStream input) throws IOException {
    APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
    try (JsonParser parser = JSON.createParser(input)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return event;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "requestContext" -> event.setRequestContext(requestContext(parser));
          case "headers" -> event.setHeaders(texts(parser));
          case "body" -> event.setBody(text(parser));
          case "isBase64Encoded" ->
              event.setIsBase64Encoded(parser.currentToken() == JsonToken.VALUE_TRUE);
          default -> parser.skipChildren();
        }
      }
    }
    return event;
  }

  /** Writes the answer as API Gateway reads a route response: status, headers and body. */
  public static void write(APIGatewayV2WebSocketResponse response, OutputStream output)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(output)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", response.getStatusCode());
      if (response.getHeaders() != null) {
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
          json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
      }
      if (response.getBody() != null) {
        json.writeStringField("body", response.getBody());
      }
      json.writeBooleanField("isBase64Encoded", response.isIsBase64Encoded());
      json.writeEndObject();
    }
  }

  private static APIGatewayV2WebSocketEvent.RequestContext requestContext(JsonParser parser)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    APIGatewayV2WebSocketEvent.RequestContext context =
        new APIGatewayV2WebSocketEvent.RequestContext();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "routeKey" -> context.setRouteKey(text(parser));
        case "connectionId" -> context.setConnectionId(text(parser));
        case "domainName" -> context.setDomainName(text(parser));
        case "stage" -> context.setStage(text(parser));
        case "eventType" -> context.setEventType(text(parser));
        case "requestId" -> context.setRequestId(text(parser));
        case "authorizer" -> context.setAuthorizer(values(parser));
        case "identity" -> context.setIdentity(identity(parser));
        default -> parser.skipChildren();
      }
    }
    return context;
  }

  private static APIGatewayV2WebSocketEvent.RequestIdentity identity(JsonParser parser)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    APIGatewayV2WebSocketEvent.RequestIdentity identity =
        new APIGatewayV2WebSocketEvent.RequestIdentity();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "sourceIp" -> identity.setSourceIp(text(parser));
        case "userAgent" -> identity.setUserAgent(text(parser));
        default -> parser.skipChildren();
      }
    }
    return identity;
  }

  private static String text(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /** An object of strings; a value that is not a string as null, anything else as no map. */
  private static Map<String, String> texts(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      texts.put(name, text(parser));
    }
    return texts;
  }

  /** An object of scalars: strings, numbers and booleans as such; nested values as null. */
  private static Map<String, Object> values(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      Object value =
          switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> {
              parser.skipChildren();
              yield null;
            }
          };
      values.put(name, value);
    }
    return values;
  }
}
