package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.api.Problems;
import dev.hoochat.api.SendMessageFrame;
import dev.hoochat.api.StrictUtf8;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.connection.ConnectionId;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound adapter: the WebSocket half of API.md behind an API Gateway WebSocket API. {@code
 * $connect} registers the connection for the principal the authorizer found, {@code $disconnect}
 * forgets it, {@code sendMessage} posts and answers an ack (or an error frame) as the route's
 * response, and {@code $default} answers an error frame for anything else. A {@code $connect} whose
 * {@code Origin} header is present and not on the allow-list ({@code HOOCHAT_ALLOWED_ORIGINS}; by
 * default none: Lambda has no origin of its own) is refused with {@code 403 forbidden_origin}, so a
 * page on another site cannot chat with a token it holds.
 */
public final class WebSocketHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);

  private final Chat chat;
  private final ManagementApiPusherAdapter pusher;
  private final AllowedOrigins allowedOrigins;
  private final AtomicLong lastRefusalLogged = new AtomicLong(System.nanoTime() - 20_000_000_000L);
  private final AtomicLong refusalsNotLogged = new AtomicLong();

  public WebSocketHandler(Chat chat, ManagementApiPusherAdapter pusher) {
    this(chat, pusher, AllowedOrigins.none());
  }

  public WebSocketHandler(
      Chat chat, ManagementApiPusherAdapter pusher, AllowedOrigins allowedOrigins) {
    this.chat = chat;
    this.pusher = pusher;
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * This handler as the function's entry point runs it: the event read and the answer written by
   * {@link WebSocketEvents}, without the Lambda runtime's reflective serializer.
   */
  public RequestStreamHandler streaming() {
    return (input, output, context) ->
        WebSocketEvents.write(handleRequest(WebSocketEvents.read(input), context), output);
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
      case "$connect" -> connect(event, request, connection);
      case "$disconnect" -> disconnect(connection);
      default -> frame(request, event);
    };
  }

  private APIGatewayV2WebSocketResponse connect(
      APIGatewayV2WebSocketEvent event,
      APIGatewayV2WebSocketEvent.RequestContext request,
      ConnectionId connection) {
    String origin = header(event.getHeaders(), "Origin");
    if (!allowedOrigins.allows(origin)) {
      logRefusal(origin, request);
      Problems.Answer refused = Problems.forbiddenOrigin();
      return answer(refused.status(), ApiViews.json(refused.view()));
    }
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

  /** One line for the first refusal, then at most one every 10 s with how many followed. */
  private void logRefusal(String origin, APIGatewayV2WebSocketEvent.RequestContext request) {
    long now = System.nanoTime();
    long last = lastRefusalLogged.get();
    if (now - last >= 10_000_000_000L && lastRefusalLogged.compareAndSet(last, now)) {
      String address =
          request.getIdentity() == null ? "unknown" : request.getIdentity().getSourceIp();
      log.warn(
          "event=websocket_refused reason=forbidden_origin origin={} address={}"
              + " refused_since_last_line={}",
          quoted(origin),
          address,
          refusalsNotLogged.getAndSet(0));
    } else {
      refusalsNotLogged.incrementAndGet();
    }
  }

  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
    }
    return out.append('"').toString();
  }

  /** A header of the event by name, whatever its case (API Gateway passes them as sent). */
  private static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
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
