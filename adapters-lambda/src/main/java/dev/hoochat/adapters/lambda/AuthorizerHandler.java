package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.service.ChatCore;
import dev.hoochat.domain.RefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
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
 * 1.0 REQUEST shape ({@code methodArn}) and takes an IAM policy. A stream handler reads both.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(AuthorizerHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatCore chat;

  public AuthorizerHandler(ChatCore chat) {
    this.chat = chat;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(input);
    } catch (IOException e) {
      throw new IOException("the authorizer event is not JSON", e);
    }
    JSON.writeValue(output, answer(event));
  }

  /** The authorizer's answer to one event, as the event's API expects it. */
  public ObjectNode answer(JsonNode event) {
    if (event != null && "2.0".equals(event.path("version").asText())) {
      return httpAnswer(event);
    }
    return webSocketAnswer(event);
  }

  /**
   * HTTP API (simple response). An unauthenticated request is let through without a principal so
   * that the handler can answer API.md's 401 problem: HTTP APIs answer every denial with a bare 403
   * that no configuration can shape, and every handler refuses a request without a principal.
   */
  private ObjectNode httpAnswer(JsonNode event) {
    Optional<String> header = header(event.path("headers"), "authorization");
    Map<String, Object> context;
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      context = AuthorizerContext.refused("an Authorization: Bearer token is required");
    } else {
      context = authenticate(header.get().substring(7).strip());
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("isAuthorized", true);
    answer.set("context", JSON.valueToTree(context));
    return answer;
  }

  /** WebSocket API (IAM policy): a bad token is denied and API Gateway refuses the upgrade. */
  private ObjectNode webSocketAnswer(JsonNode event) {
    String token =
        event == null ? "" : event.path("queryStringParameters").path("token").asText("");
    String methodArn = event == null ? "*" : event.path("methodArn").asText("*");
    Map<String, Object> context = authenticate(token);
    boolean allowed = context.containsKey(AuthorizerContext.USER_ID);
    ObjectNode answer = JSON.createObjectNode();
    answer.put(
        "principalId", allowed ? (String) context.get(AuthorizerContext.USER_ID) : "anonymous");
    ObjectNode policy = answer.putObject("policyDocument");
    policy.put("Version", "2012-10-17");
    ObjectNode statement = policy.putArray("Statement").addObject();
    statement.put("Action", "execute-api:Invoke");
    statement.put("Effect", allowed ? "Allow" : "Deny");
    statement.put("Resource", methodArn);
    if (allowed) {
      answer.set("context", JSON.valueToTree(context));
    }
    return answer;
  }

  private Map<String, Object> authenticate(String token) {
    try {
      Principal principal = chat.authenticate().authenticate(token);
      return AuthorizerContext.of(principal);
    } catch (RefusedException e) {
      log.debug("event=token_refused code={}", e.problem().code());
      return AuthorizerContext.refused(e.detail());
    }
  }

  /** HTTP API 2.0 lower-cases header names; a hand-made event may not, so look case-blind. */
  private static Optional<String> header(JsonNode headers, String name) {
    Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
        return Optional.of(field.getValue().textValue());
      }
    }
    return Optional.empty();
  }
}
