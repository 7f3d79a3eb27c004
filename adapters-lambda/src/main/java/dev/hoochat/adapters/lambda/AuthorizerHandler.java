package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.RefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound adapter: the REQUEST authorizer of both APIs. It finds the principal behind the bearer
 * token (the {@code Authorization} header on the HTTP API, the {@code token} query parameter on the
 * WebSocket {@code $connect}) through the core's cached authentication, so a repeat token costs one
 * cache read and no store read, and returns the user id and handle in its context.
 *
 * <p>The two APIs speak different authorizer formats, told apart by the event: the HTTP API sends
 * payload 2.0 ({@code "version":"2.0"}) and takes a simple response; the WebSocket API sends the
 * 1.0 REQUEST shape ({@code methodArn}) and takes an IAM policy. A stream handler reads both, with
 * Jackson's streaming parser and generator alone so that the Lambda jar carries no data binding.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(AuthorizerHandler.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Chat chat;

  public AuthorizerHandler(Chat chat) {
    this.chat = chat;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Event event;
    try (JsonParser parser = JSON.createParser(input)) {
      event = Event.read(parser);
    } catch (IOException e) {
      throw new IOException("the authorizer event is not JSON", e);
    }
    if ("2.0".equals(event.version())) {
      Map<String, String> authorizerContext = httpContext(event);
      try (JsonGenerator json = JSON.createGenerator(output)) {
        writeHttpAnswer(json, authorizerContext);
      }
    } else {
      Map<String, String> authorizerContext = authenticate(event.token());
      try (JsonGenerator json = JSON.createGenerator(output)) {
        writeWebSocketAnswer(json, authorizerContext, event.methodArn());
      }
    }
  }

  /**
   * HTTP API (simple response). An unauthenticated request is let through without a principal so
   * that the handler can answer API.md's 401 problem: HTTP APIs answer every denial with a bare 403
   * that no configuration can shape, and every handler refuses a request without a principal.
   */
  private Map<String, String> httpContext(Event event) {
    Optional<String> header = event.header("authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      return AuthorizerContext.refused("an Authorization: Bearer token is required");
    }
    return authenticate(header.get().substring(7).strip());
  }

  private static void writeHttpAnswer(JsonGenerator json, Map<String, String> context)
      throws IOException {
    json.writeStartObject();
    json.writeBooleanField("isAuthorized", true);
    writeContext(json, context);
    json.writeEndObject();
  }

  /** WebSocket API (IAM policy): a bad token is denied and API Gateway refuses the upgrade. */
  private static void writeWebSocketAnswer(
      JsonGenerator json, Map<String, String> context, String methodArn) throws IOException {
    boolean allowed = context.containsKey(AuthorizerContext.USER_ID);
    json.writeStartObject();
    json.writeStringField(
        "principalId", allowed ? context.get(AuthorizerContext.USER_ID) : "anonymous");
    json.writeObjectFieldStart("policyDocument");
    json.writeStringField("Version", "2012-10-17");
    json.writeArrayFieldStart("Statement");
    json.writeStartObject();
    json.writeStringField("Action", "execute-api:Invoke");
    json.writeStringField("Effect", allowed ? "Allow" : "Deny");
    json.writeStringField("Resource", methodArn);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    if (allowed) {
      writeContext(json, context);
    }
    json.writeEndObject();
  }

  private static void writeContext(JsonGenerator json, Map<String, String> context)
      throws IOException {
    json.writeObjectFieldStart("context");
    for (Map.Entry<String, String> entry : context.entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  private Map<String, String> authenticate(String token) {
    try {
      Principal principal = chat.authenticate().authenticate(token);
      return AuthorizerContext.of(principal);
    } catch (RefusedException e) {
      log.debug("event=token_refused code={}", e.problem().code());
      return AuthorizerContext.refused(e.detail());
    }
  }

  /**
   * What the answer reads from an authorizer event. A field that is absent, null or not a string
   * reads as its default (no version, no token, every resource); a field given twice counts with
   * its last value.
   *
   * @param headers every header as named in the event, in the order first named, with its value, or
   *     null when that value is not a string
   */
  private record Event(
      String version, String methodArn, String token, Map<String, String> headers) {

    /** Reads the event's first JSON value; anything after it is left unread. */
    static Event read(JsonParser parser) throws IOException {
      String version = "";
      String methodArn = "*";
      String token = "";
      Map<String, String> headers = Map.of();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return new Event(version, methodArn, token, headers);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "version" -> version = text(parser, "");
          case "methodArn" -> methodArn = text(parser, "*");
          case "headers" -> headers = texts(parser);
          case "queryStringParameters" ->
              token = Objects.requireNonNullElse(texts(parser).get("token"), "");
          default -> parser.skipChildren();
        }
      }
      return new Event(version, methodArn, token, headers);
    }

    /** HTTP API 2.0 lower-cases header names; a hand-made event may not, so look case-blind. */
    Optional<String> header(String name) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
          return Optional.of(header.getValue());
        }
      }
      return Optional.empty();
    }

    private static String text(JsonParser parser, String absent) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      parser.skipChildren();
      return absent;
    }

    /** An object's fields, a value that is not a string as null; anything else as no fields. */
    private static Map<String, String> texts(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return Map.of();
      }
      Map<String, String> texts = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        texts.put(name, text(parser, null));
      }
      return texts;
    }
  }
}
