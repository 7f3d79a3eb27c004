package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.api.Problems;
import dev.hoochat.api.SendMessageFrame;
import dev.hoochat.api.StrictUtf8;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.service.ChatCore;
import dev.hoochat.domain.connection.ConnectionId;
import java.net.URI;
import java.util.Base64;
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
      // API Gateway refuses the upgrade on any non-2xx; the status says why (429 past the
      // per-user limit), and the body carries the same problem as the standalone server's.
      Problems.Answer problem = Problems.of(e);
      return answer(problem.status(), ApiViews.json(problem.view()));
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
    SendMessageFrame frame;
    try {
      frame = new SendMessageFrame(body(event));
    } catch (RuntimeException e) {
      return answer(200, new SendMessageFrame(new byte[0]).error(e));
    }
    try {
      Principal caller = AuthorizerContext.principal(request.getAuthorizer());
      Posted posted = chat.postMessage().post(frame.command(caller));
      return answer(200, frame.ack(posted.message()));
    } catch (RuntimeException e) {
      return answer(200, frame.error(e));
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

  /** The frame's bytes: base64 decoded, or the text encoded back strictly (as HTTP bodies). */
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
    return StrictUtf8.encode(body, "the frame");
  }

  private static APIGatewayV2WebSocketResponse answer(int status, String body) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(status);
    response.setBody(body);
    return response;
  }
}
