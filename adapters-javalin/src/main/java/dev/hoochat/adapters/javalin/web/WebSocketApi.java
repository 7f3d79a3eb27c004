package dev.hoochat.adapters.javalin.web;

import dev.hoochat.api.SendMessageFrame;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.service.ChatCore;
import dev.hoochat.domain.connection.ConnectionId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound adapter: the WebSocket half of API.md. The token is checked before the upgrade (a bad one
 * gets the same 401 problem as REST); each frame is one {@code sendMessage}, answered by an ack or
 * an error frame; the connection stays open whatever a frame contains.
 */
public final class WebSocketApi {
  private static final Logger log = LoggerFactory.getLogger(WebSocketApi.class);
  private static final String CONNECTION = "hoochat.connection";

  /** Jetty closes on frames past this (1009); frames between 16 KiB and this get an error frame. */
  private static final int HARD_FRAME_LIMIT = 64 * 1024;

  private final ChatCore chat;
  private final WebSocketPusherAdapter pusher;
  private final IdSource ids;
  private final Map<String, Connected> bySession = new ConcurrentHashMap<>();

  public WebSocketApi(ChatCore chat, WebSocketPusherAdapter pusher, IdSource ids) {
    this.chat = chat;
    this.pusher = pusher;
    this.ids = ids;
  }

  private record Connected(ConnectionId id, Principal principal) {}

  public void register(JavalinConfig cfg) {
    cfg.jetty.modifyWebSocketServletFactory(
        factory -> {
          factory.setMaxTextMessageSize(HARD_FRAME_LIMIT);
          factory.setIdleTimeout(Duration.ofMinutes(10));
        });
    cfg.routes.wsBeforeUpgrade("/v1/ws", this::upgrading);
    cfg.routes.ws(
        "/v1/ws",
        ws -> {
          ws.onConnect(this::connected);
          ws.onMessage(this::received);
          ws.onClose(this::closed);
          ws.onError(
              ctx -> log.debug("event=websocket_error reason=\"{}\"", String.valueOf(ctx.error())));
        });
  }

  /**
   * Authenticates and registers the connection before the upgrade is answered, as API Gateway's
   * {@code $connect} does: once a client sees its socket open, every message posted from then on is
   * on its way to it (frames wait in the pusher until the session is attached). A bad token gets
   * the REST 401 problem; a store that fails gets 503, and no socket opens.
   */
  private void upgrading(Context ctx) {
    Principal principal = chat.authenticate().authenticate(ctx.queryParam("token"));
    ConnectionId id = new ConnectionId(ids.newId());
    pusher.expect(id);
    try {
      chat.openConnection().open(principal, id);
    } catch (RuntimeException e) {
      pusher.detach(id);
      throw e;
    }
    ctx.attribute(CONNECTION, new Connected(id, principal));
  }

  private void connected(WsConnectContext ctx) {
    Connected connection = ctx.attribute(CONNECTION);
    pusher.attach(connection.id(), ctx.session);
    bySession.put(ctx.sessionId(), connection);
  }

  private void received(WsMessageContext ctx) {
    Connected connection = bySession.get(ctx.sessionId());
    if (connection == null) {
      return;
    }
    SendMessageFrame frame = new SendMessageFrame(ctx.message().getBytes(StandardCharsets.UTF_8));
    String answer;
    try {
      Posted posted = chat.postMessage().post(frame.command(connection.principal()));
      answer = frame.ack(posted.message());
    } catch (RuntimeException e) {
      answer = frame.error(e);
    }
    pusher.reply(connection.id(), answer);
  }

  private void closed(WsCloseContext ctx) {
    Connected connection = bySession.remove(ctx.sessionId());
    if (connection == null) {
      return;
    }
    pusher.detach(connection.id());
    try {
      chat.closeConnection().close(connection.id());
    } catch (RuntimeException e) {
      // The registry forgets it anyway: the next push finds it gone and removes it.
      log.warn("event=connection_close_failed reason=\"{}\"", e.getMessage());
    }
  }
}
