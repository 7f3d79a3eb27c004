package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.service.ChatCore;
import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.MessageBody;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound adapter: the WebSocket half of API.md behind an API Gateway WebSocket API. {@code
 * $connect} registers the connection for the principal the authorizer found, {@code $disconnect}
 * forgets it, {@code sendMessage} posts and answers an ack (or an error frame) as the route's
 * response, and {@code $default} answers an error frame for anything else.
 */
public final class WebSocketHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);
  private static final Set<String> FRAME_FIELDS =
      Set.of("action", "groupId", "body", "clientMessageId");

  private final ChatCore chat;
  private final ManagementApiPusherAdapter pusher;

  public WebSocketHandler(ChatCore chat, ManagementApiPusherAdapter pusher) {
    this.chat = chat;
    this.pusher = pusher;
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(
      APIGatewayV2WebSocketEvent event, Context context) {
    APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
    if (request == null || request.getRouteKey() == null || request.getConnectionId() == null) {
      log.warn("event=websocket_event_without_context");
      return answer(400, null);
    }
    learnEndpoint(request);
    ConnectionId connection = new ConnectionId(request.getConnectionId());
    return switch (request.getRouteKey()) {
      case "$connect" -> connect(request, connection);
      case "$disconnect" -> disconnect(connection);
      default -> frame(request, event);
    };
  }

  private APIGatewayV2WebSocketResponse connect(
      APIGatewayV2WebSocketEvent.RequestContext request, ConnectionId connection) {
    try {
      chat.openConnection().open(AuthorizerContext.principal(request.getAuthorizer()), connection);
      return answer(200, null);
    } catch (RuntimeException e) {
      // API Gateway refuses the upgrade on any non-2xx; the status says why.
      return answer(Problems.of(e).status(), null);
    }
  }

  private APIGatewayV2WebSocketResponse disconnect(ConnectionId connection) {
    try {
      chat.closeConnection().close(connection);
    } catch (RuntimeException e) {
      // The registry forgets it anyway: the next push finds it gone and removes it.
      log.warn("event=connection_close_failed reason=\"{}\"", e.getMessage());
    }
    return answer(200, null);
  }

  /** One client frame: a {@code sendMessage}, or an error frame saying what is wrong with it. */
  private APIGatewayV2WebSocketResponse frame(
      APIGatewayV2WebSocketEvent.RequestContext request, APIGatewayV2WebSocketEvent event) {
    Optional<String> clientMessageId = Optional.empty();
    try {
      byte[] frame = body(event);
      if (frame.length > HttpApiHandler.MAX_BODY_BYTES) {
        throw new RefusedException(
            Problem.PAYLOAD_TOO_LARGE,
            "a frame is at most " + HttpApiHandler.MAX_BODY_BYTES + " bytes");
      }
      JsonRequest json = JsonRequest.parse(frame, FRAME_FIELDS);
      clientMessageId = json.optionalText("clientMessageId");
      if (!"sendMessage".equals(json.text("action"))) {
        throw JsonRequest.malformed("unknown action; the only action is sendMessage");
      }
      String group = json.text("groupId");
      if (!OpaqueId.isWellFormed(group)) {
        throw new RefusedException(Problem.GROUP_NOT_FOUND, "no such group");
      }
      MessageBody body = new MessageBody(json.text("body"));
      Optional<ClientMessageId> clientId = clientMessageId.map(ClientMessageId::new);
      Principal caller = AuthorizerContext.principal(request.getAuthorizer());
      Posted posted =
          chat.postMessage().post(new PostMessage(caller, new GroupId(group), body, clientId));
      return answer(
          200, ApiViews.json(ApiViews.Ack.of(clientMessageId.orElse(null), posted.message())));
    } catch (RuntimeException e) {
      Problems.Answer answer = Problems.of(e);
      return answer(
          200,
          ApiViews.json(
              new ApiViews.ErrorFrame(
                  "error", answer.code(), answer.detail(), clientMessageId.orElse(null))));
    }
  }

  private void learnEndpoint(APIGatewayV2WebSocketEvent.RequestContext request) {
    String domain = request.getDomainName();
    String stage = request.getStage();
    if (domain != null && stage != null && !domain.isBlank() && !stage.isBlank()) {
      try {
        pusher.learnEndpoint(URI.create("https://" + domain + "/" + stage));
      } catch (IllegalArgumentException e) {
        log.warn("event=websocket_endpoint_unusable domain=\"{}\"", domain);
      }
    }
  }

  private static byte[] body(APIGatewayV2WebSocketEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    if (event.isIsBase64Encoded()) {
      try {
        return Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw JsonRequest.malformed("the frame is not valid base64");
      }
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static APIGatewayV2WebSocketResponse answer(int status, String body) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(status);
    response.setBody(body);
    return response;
  }
}
