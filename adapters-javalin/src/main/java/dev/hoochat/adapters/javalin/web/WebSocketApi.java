package dev.hoochat.adapters.javalin.web;

import dev.hoochat.adapters.javalin.jetty.RefusalLog;
import dev.hoochat.api.AllowedOrigins;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.Problems;
import dev.hoochat.api.SendMessageFrame;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.connection.NodeId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound adapter: the WebSocket half of API.md. The browser origin and the token are checked
 * before the upgrade (a bad token gets the same 401 problem as REST, an origin not on the
 * allow-list {@code 403 forbidden_origin}); each frame is one {@code sendMessage}, answered by an
 * ack or an error frame; the connection stays open whatever a frame contains. When the server
 * stops, every socket is closed with 1001 "server shutting down".
 */
public final class WebSocketApi {
  private static final Logger log = LoggerFactory.getLogger(WebSocketApi.class);
  private static final String CONNECTION = "hoochat.connection";

  /** Jetty closes on frames past this (1009); frames between 16 KiB and this get an error frame. */
  private static final int HARD_FRAME_LIMIT = 64 * 1024;

  private final Chat chat;
  private final WebSocketPusherAdapter pusher;
  private final IdSource ids;
  private final NodeId node;
  static final String SHUTDOWN_REASON = "server shutting down";
  static final String RESTART_REASON = "reconnect and catch up";

  private final Map<String, Connected> bySession = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final RefusalLog originRefusals = new RefusalLog(log, "websocket_refused", 10_000);
  private volatile AllowedOrigins origins = AllowedOrigins.none();
  private volatile boolean stopping;
  private volatile BooleanSupplier deliverable = () -> true;
  private final AtomicLong restarts = new AtomicLong();

  public WebSocketApi(Chat chat, WebSocketPusherAdapter pusher, IdSource ids) {
    this(chat, pusher, ids, new NodeId(ids.newId().substring(0, 10)));
  }

  /** Every connection this API opens is named as held by {@code node} ({@link ConnectionId#on}). */
  public WebSocketApi(Chat chat, WebSocketPusherAdapter pusher, IdSource ids, NodeId node) {
    this.chat = chat;
    this.pusher = pusher;
    this.ids = ids;
    this.node = node;
  }

  private record Connected(ConnectionId id, Principal principal, long restartsAtUpgrade) {}

  /**
   * While {@code canDeliver} answers false, upgrades are refused with 503 (Retry-After 1): this
   * server could not promise the socket every push (its backplane is down, docs/scale-out.md).
   */
  public void admitWhile(BooleanSupplier canDeliver) {
    deliverable = canDeliver;
  }

  /**
   * Closes every open socket with 1012 (service restart), and those being opened as they attach: it
   * may have missed pushes, so its client reconnects and catches up with {@code after}.
   */
  public void restartAll() {
    restarts.incrementAndGet();
    List<Session> open = new ArrayList<>(sessions.values());
    for (Session session : open) {
      session.close(StatusCode.SERVICE_RESTART, RESTART_REASON, Callback.NOOP);
    }
    log.warn("event=websockets_restarted sockets={} code=1012", open.size());
  }

  /** The upgrade was refused and its answer written; nothing more to do. */
  private static final class UpgradeRefused extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    UpgradeRefused() {
      super("upgrade refused", null, false, false);
    }
  }

  /** The browser origins that may open a socket (set once the server knows its own origin). */
  public void allowOrigins(AllowedOrigins allowed) {
    origins = allowed;
  }

  public AllowedOrigins allowedOrigins() {
    return origins;
  }

  /**
   * Refuses new upgrades and closes every open socket with 1001 "server shutting down", waiting up
   * to {@code within} for the close frames to be sent.
   */
  public void closeAll(Duration within) {
    stopping = true;
    List<Session> open = new ArrayList<>(sessions.values());
    CountDownLatch sent = new CountDownLatch(open.size());
    for (Session session : open) {
      session.close(
          StatusCode.SHUTDOWN,
          SHUTDOWN_REASON,
          Callback.from(sent::countDown, failure -> sent.countDown()));
    }
    try {
      if (!sent.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("event=websocket_shutdown_incomplete sockets={}", sent.getCount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("event=websockets_closed sockets={} code=1001", open.size());
  }

  public void register(JavalinConfig cfg) {
    cfg.jetty.modifyWebSocketServletFactory(
        factory -> {
          factory.setMaxTextMessageSize(HARD_FRAME_LIMIT);
          factory.setIdleTimeout(Duration.ofMinutes(10));
        });
    cfg.routes.wsBeforeUpgrade("/v1/ws", this::upgrading);
    cfg.routes.exception(UpgradeRefused.class, (e, ctx) -> {});
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
  /** A 503 {@code unavailable} with {@code Retry-After: 1}, as the store's outages answer. */
  private static Problems.Answer unavailable(String detail) {
    return Problems.answer(Problem.UNAVAILABLE, detail, Optional.of(1L));
  }

  private void upgrading(Context ctx) {
    String origin = ctx.header("Origin");
    if (!origins.allows(origin)) {
      originRefusals.record(
          "reason=forbidden_origin origin=" + RefusalLog.quoted(origin) + " address=" + ctx.ip());
      refuse(ctx, Problems.forbiddenOrigin());
    }
    if (stopping) {
      refuse(ctx, unavailable("the server is shutting down"));
    }
    if (!deliverable.getAsBoolean()) {
      refuse(
          ctx,
          unavailable("this server cannot deliver pushes right now; try again or another server"));
    }
    try {
      register(ctx);
    } catch (RuntimeException e) {
      refuse(ctx, Problems.of(e));
    }
  }

  /**
   * Writes the refusal's problem as the upgrade's answer — Javalin does not write a result for an
   * upgrade request — and stops the upgrade.
   */
  private static void refuse(Context ctx, Problems.Answer answer) {
    byte[] body = ApiViews.json(answer.view()).getBytes(StandardCharsets.UTF_8);
    var response = ctx.res();
    response.setStatus(answer.status());
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    answer
        .retryAfter()
        .ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
    try {
      response.getOutputStream().write(body);
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new UpgradeRefused();
  }

  private void register(Context ctx) {
    Principal principal = chat.authenticate().authenticate(ctx.queryParam("token"));
    long restartsAtUpgrade = restarts.get();
    ConnectionId id = ConnectionId.on(node, ids.newId());
    pusher.expect(id, principal.userId());
    try {
      chat.openConnection().open(principal, id);
    } catch (RuntimeException e) {
      pusher.detach(id);
      throw e;
    }
    ctx.attribute(CONNECTION, new Connected(id, principal, restartsAtUpgrade));
  }

  private void connected(WsConnectContext ctx) {
    Connected connection = ctx.attribute(CONNECTION);
    pusher.attach(connection.id(), ctx.session);
    bySession.put(ctx.sessionId(), connection);
    sessions.put(ctx.sessionId(), ctx.session);
    if (stopping) {
      ctx.session.close(StatusCode.SHUTDOWN, SHUTDOWN_REASON, Callback.NOOP);
    } else if (restarts.get() != connection.restartsAtUpgrade()) {
      ctx.session.close(StatusCode.SERVICE_RESTART, RESTART_REASON, Callback.NOOP);
    }
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
    sessions.remove(ctx.sessionId());
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
