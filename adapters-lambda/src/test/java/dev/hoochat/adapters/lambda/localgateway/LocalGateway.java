package dev.hoochat.adapters.lambda.localgateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.InternalServerErrorResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development and test infrastructure: plays API Gateway for the Lambda functions on loopback. REST
 * requests become HTTP API (payload 2.0) events, through the authorizer on routes that have it; a
 * WebSocket upgrade goes through the authorizer and {@code $connect}, each frame is routed on
 * {@code $request.body.action} and its route response sent back, a close becomes {@code
 * $disconnect}; and {@code POST /local/@connections/{id}} delivers pushes to the real WebSocket
 * clients (410 Gone for a connection that is not open), as the Management API does. Every event
 * goes to the functions as JSON, as AWS sends it. Not for production: no TLS, no SigV4, no limits
 * beyond API Gateway's payload sizes.
 */
public final class LocalGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalGateway.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String STAGE = "local";
  private static final String API_ID = "localapi";
  private static final String ACCOUNT = "000000000000";
  private static final String REGION = "us-east-1";
  private static final String CONNECTION = "hoochat.gateway.connection";
  private static final int MAX_HTTP_PAYLOAD = 10 * 1024 * 1024;
  private static final int MAX_WS_MESSAGE = 128 * 1024;

  /** An HTTP API route ({@code "GET /v1/groups/{groupId}"} or {@code $default}). */
  public record HttpRoute(String key, boolean authorized) {
    String method() {
      return key.substring(0, key.indexOf(' '));
    }

    String template() {
      return key.substring(key.indexOf(' ') + 1);
    }

    boolean isDefault() {
      return "$default".equals(key);
    }

    /** The path parameters when {@code path} fits this route's template. */
    Optional<Map<String, String>> match(String method, String path) {
      if (isDefault() || !method().equals(method)) {
        return Optional.empty();
      }
      List<String> names = new ArrayList<>();
      Matcher params = Pattern.compile("\\{([^}]+)}").matcher(template());
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (params.find()) {
        regex.append(Pattern.quote(template().substring(last, params.start()))).append("([^/]+)");
        names.add(params.group(1));
        last = params.end();
      }
      regex.append(Pattern.quote(template().substring(last)));
      Matcher m = Pattern.compile(regex.toString()).matcher(path);
      if (!m.matches()) {
        return Optional.empty();
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
      }
      return Optional.of(values);
    }
  }

  /** What the gateway serves: the HTTP routes and the WebSocket route keys. */
  public record Routes(List<HttpRoute> http, Set<String> webSocket, boolean connectAuthorized) {
    public static Routes of(SamTemplate template) {
      return new Routes(
          template.httpRoutes(),
          template.webSocketRoutes(),
          template.webSocketRouteAuthorized("$connect"));
    }
  }

  /** The three functions behind the gateway. */
  public record Functions(
      LambdaFunction http, LambdaFunction webSocket, LambdaFunction authorizer) {}

  private final Javalin javalin;
  private final Routes routes;
  private final Map<String, Outbox> connections = new ConcurrentHashMap<>();
  private volatile Functions functions;
  private volatile long pushNanos;

  private LocalGateway(Routes routes) {
    this.routes = routes;
    this.javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = 0;
              cfg.http.maxRequestSize = MAX_HTTP_PAYLOAD;
              cfg.jetty.modifyWebSocketServletFactory(
                  factory -> factory.setMaxTextMessageSize(MAX_WS_MESSAGE));
              cfg.routes.post("/" + STAGE + "/@connections/{connectionId}", this::postToConnection);
              cfg.routes.delete(
                  "/" + STAGE + "/@connections/{connectionId}", this::deleteConnection);
              cfg.routes.wsBeforeUpgrade("/v1/ws", this::connecting);
              cfg.routes.ws(
                  "/v1/ws",
                  ws -> {
                    ws.onConnect(this::connected);
                    ws.onMessage(this::received);
                    ws.onClose(this::closed);
                  });
              for (HandlerType type :
                  List.of(
                      HandlerType.GET,
                      HandlerType.POST,
                      HandlerType.PUT,
                      HandlerType.DELETE,
                      HandlerType.PATCH)) {
                cfg.routes.addHttpHandler(type, "/<path>", this::http);
              }
            });
  }

  /**
   * Starts the gateway on a free loopback port, then builds the functions, which are told the
   * {@code @connections} endpoint to push to.
   */
  public static LocalGateway start(Routes routes, Function<URI, Functions> functions) {
    LocalGateway gateway = new LocalGateway(routes);
    gateway.javalin.start();
    gateway.functions = functions.apply(gateway.connectionsEndpoint());
    log.info("event=local_gateway_started port={}", gateway.javalin.port());
    return gateway;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + javalin.port());
  }

  /** The Management API endpoint for this gateway's WebSocket API (the SDK's endpoint). */
  public URI connectionsEndpoint() {
    return URI.create("http://127.0.0.1:" + javalin.port() + "/" + STAGE);
  }

  public int openConnections() {
    return connections.size();
  }

  /**
   * Makes every {@code POST @connections/{id}} take {@code each} (0 by default), as one HTTPS call
   * to the Management API does on AWS (about 20 ms). The frame is handed to the socket at a random
   * moment within that time, so two pushes to one connection that overlap may arrive in either
   * order: only a pusher that lets one finish before the next starts keeps their order here.
   */
  public void delayPushes(Duration each) {
    if (each.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative");
    }
    pushNanos = each.toNanos();
  }

  @Override
  public void close() {
    javalin.stop();
  }

  // ---------------------------------------------------------------- HTTP API

  private void http(Context ctx) {
    String method = requestMethod(ctx);
    String path = ctx.path();
    HttpRoute matched = null;
    Map<String, String> pathParameters = null;
    for (HttpRoute route : routes.http()) {
      Optional<Map<String, String>> params = route.match(method, path);
      if (params.isPresent()) {
        matched = route;
        pathParameters = params.get();
        break;
      }
    }
    if (matched == null) {
      matched = routes.http().stream().filter(HttpRoute::isDefault).findFirst().orElse(null);
    }
    if (matched == null) {
      ctx.status(404).contentType("application/json").result("{\"message\":\"Not Found\"}");
      return;
    }
    ObjectNode event = httpEvent(ctx, matched, pathParameters);
    if (matched.authorized()) {
      ObjectNode authorizerEvent = event.deepCopy();
      authorizerEvent.put("type", "REQUEST");
      authorizerEvent.put(
          "routeArn",
          "arn:aws:execute-api:"
              + REGION
              + ":"
              + ACCOUNT
              + ":"
              + API_ID
              + "/$default/"
              + method
              + path);
      authorizerEvent.putArray("identitySource");
      JsonNode answer = read(functions.authorizer().invoke(authorizerEvent.toString()));
      if (!answer.path("isAuthorized").asBoolean(false)) {
        ctx.status(403).contentType("application/json").result("{\"message\":\"Forbidden\"}");
        return;
      }
      ((ObjectNode) event.get("requestContext"))
          .putObject("authorizer")
          .set("lambda", answer.path("context"));
    }
    JsonNode response = read(functions.http().invoke(event.toString()));
    ctx.status(response.path("statusCode").asInt(500));
    Iterator<Map.Entry<String, JsonNode>> headers = response.path("headers").fields();
    while (headers.hasNext()) {
      Map.Entry<String, JsonNode> header = headers.next();
      ctx.header(header.getKey(), header.getValue().asText());
    }
    String body = response.path("body").asText("");
    if (response.path("isBase64Encoded").asBoolean(false)) {
      ctx.result(Base64.getDecoder().decode(body));
    } else {
      ctx.result(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private ObjectNode httpEvent(Context ctx, HttpRoute route, Map<String, String> pathParameters) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", route.key());
    event.put("rawPath", ctx.path());
    event.put("rawQueryString", Optional.ofNullable(ctx.queryString()).orElse(""));
    ObjectNode headers = event.putObject("headers");
    ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    Map<String, List<String>> query = ctx.queryParamMap();
    if (!query.isEmpty()) {
      ObjectNode params = event.putObject("queryStringParameters");
      query.forEach((name, values) -> params.put(name, String.join(",", values)));
    }
    if (pathParameters != null && !pathParameters.isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      pathParameters.forEach(params::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", ACCOUNT);
    context.put("apiId", API_ID);
    context.put("domainName", "127.0.0.1:" + javalin.port());
    context.put("domainPrefix", "127");
    ObjectNode http = context.putObject("http");
    http.put("method", requestMethod(ctx));
    http.put("path", ctx.path());
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", Optional.ofNullable(ctx.userAgent()).orElse(""));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", route.key());
    context.put("stage", "$default");
    context.put("timeEpoch", Instant.now().toEpochMilli());
    byte[] body = ctx.bodyAsBytes();
    if (body.length > 0) {
      Optional<String> text = utf8(body);
      event.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
      event.put("isBase64Encoded", text.isEmpty());
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /**
   * The method on the request line, as API Gateway routes on it. Javalin's {@code ctx.method()}
   * answers the {@code X-HTTP-Method-Override} header instead when there is one, which API Gateway
   * never honours: a gateway that did would let a POST remove a member.
   */
  private static String requestMethod(Context ctx) {
    return ctx.req().getMethod().toUpperCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- WebSocket API

  private void connecting(Context ctx) {
    String connectionId = newConnectionId();
    ObjectNode context = webSocketContext("$connect", "CONNECT", connectionId);
    ObjectNode event = JSON.createObjectNode();
    ObjectNode headers = event.putObject("headers");
    ctx.headerMap().forEach(headers::put);
    ObjectNode query = JSON.createObjectNode();
    ctx.queryParamMap().forEach((name, values) -> query.put(name, String.join(",", values)));
    if (!query.isEmpty()) {
      event.set("queryStringParameters", query);
    }
    if (routes.connectAuthorized()) {
      ObjectNode authorizerEvent = event.deepCopy();
      authorizerEvent.put("type", "REQUEST");
      authorizerEvent.put(
          "methodArn",
          "arn:aws:execute-api:"
              + REGION
              + ":"
              + ACCOUNT
              + ":"
              + API_ID
              + "/"
              + STAGE
              + "/$connect");
      authorizerEvent.set("requestContext", context.deepCopy());
      JsonNode answer = read(functions.authorizer().invoke(authorizerEvent.toString()));
      JsonNode statement = answer.path("policyDocument").path("Statement").path(0);
      if (!"Allow".equals(statement.path("Effect").asText())) {
        throw new ForbiddenResponse("Forbidden");
      }
      ObjectNode authorizer = context.putObject("authorizer");
      authorizer.put("principalId", answer.path("principalId").asText());
      answer
          .path("context")
          .fields()
          .forEachRemaining(f -> authorizer.set(f.getKey(), f.getValue()));
    }
    event.set("requestContext", context);
    event.put("isBase64Encoded", false);
    Outbox outbox = new Outbox(context.path("authorizer"));
    connections.put(connectionId, outbox);
    JsonNode response = read(functions.webSocket().invoke(event.toString()));
    int status = response.path("statusCode").asInt(500);
    if (status < 200 || status > 299) {
      connections.remove(connectionId);
      throw switch (status) {
        case 401 -> new UnauthorizedResponse();
        case 403 -> new ForbiddenResponse("Forbidden");
        default -> new InternalServerErrorResponse();
      };
    }
    ctx.attribute(CONNECTION, connectionId);
  }

  private void connected(WsConnectContext ctx) {
    String connectionId = ctx.attribute(CONNECTION);
    Outbox outbox = connectionId == null ? null : connections.get(connectionId);
    if (outbox == null) {
      ctx.closeSession(StatusCode.SERVER_ERROR, "not connected");
      return;
    }
    outbox.attach(ctx.session);
  }

  private void received(WsMessageContext ctx) {
    String connectionId = ctx.attribute(CONNECTION);
    Outbox outbox = connectionId == null ? null : connections.get(connectionId);
    if (outbox == null) {
      return;
    }
    String frame = ctx.message();
    String routeKey = selectRoute(frame);
    ObjectNode context = webSocketContext(routeKey, "MESSAGE", connectionId);
    context.put("messageId", UUID.randomUUID().toString());
    context.set("authorizer", outbox.authorizer.deepCopy());
    ObjectNode event = JSON.createObjectNode();
    event.set("requestContext", context);
    event.put("body", frame);
    event.put("isBase64Encoded", false);
    JsonNode response = read(functions.webSocket().invoke(event.toString()));
    JsonNode body = response.path("body");
    if (body.isTextual() && !body.asText().isEmpty()) {
      outbox.send(body.asText());
    }
  }

  private void closed(WsCloseContext ctx) {
    String connectionId = ctx.attribute(CONNECTION);
    if (connectionId == null || connections.remove(connectionId) == null) {
      return;
    }
    ObjectNode context = webSocketContext("$disconnect", "DISCONNECT", connectionId);
    context.put("disconnectStatusCode", ctx.status());
    context.put("disconnectReason", Optional.ofNullable(ctx.reason()).orElse(""));
    ObjectNode event = JSON.createObjectNode();
    event.set("requestContext", context);
    event.put("isBase64Encoded", false);
    functions.webSocket().invoke(event.toString());
  }

  /** {@code $request.body.action}: a JSON object whose action names a route, else $default. */
  private String selectRoute(String frame) {
    try {
      JsonNode body = JSON.readTree(frame);
      String action = body == null ? null : body.path("action").asText(null);
      if (action != null && !action.startsWith("$") && routes.webSocket().contains(action)) {
        return action;
      }
    } catch (IOException e) {
      // not JSON: the $default route
    }
    return "$default";
  }

  private ObjectNode webSocketContext(String routeKey, String eventType, String connectionId) {
    ObjectNode context = JSON.createObjectNode();
    context.put("routeKey", routeKey);
    context.put("eventType", eventType);
    context.put("extendedRequestId", UUID.randomUUID().toString());
    context.put("messageDirection", "IN");
    context.put("stage", STAGE);
    context.put("connectedAt", Instant.now().toEpochMilli());
    context.put("requestTimeEpoch", Instant.now().toEpochMilli());
    context.putObject("identity").put("sourceIp", "127.0.0.1");
    context.put("requestId", UUID.randomUUID().toString());
    context.put("domainName", "127.0.0.1:" + javalin.port());
    context.put("connectionId", connectionId);
    context.put("apiId", API_ID);
    return context;
  }

  // ---------------------------------------------------------------- @connections

  private void postToConnection(Context ctx) {
    long delay = pushNanos;
    long before = delay == 0 ? 0 : ThreadLocalRandom.current().nextLong(delay + 1);
    sleep(before);
    Outbox outbox = connections.get(ctx.pathParam("connectionId"));
    boolean sent =
        outbox != null && outbox.send(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
    sleep(delay - before);
    if (!sent) {
      gone(ctx);
      return;
    }
    ctx.status(200);
  }

  private static void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalServerErrorResponse();
    }
  }

  private void deleteConnection(Context ctx) {
    Outbox outbox = connections.remove(ctx.pathParam("connectionId"));
    if (outbox == null) {
      gone(ctx);
      return;
    }
    outbox.close();
    ctx.status(204);
  }

  private static void gone(Context ctx) {
    ctx.status(410)
        .header("x-amzn-ErrorType", "GoneException")
        .contentType("application/json")
        .result("{\"message\":null}");
  }

  private static String newConnectionId() {
    byte[] id = new byte[12];
    ThreadLocalRandom.current().nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One connection's frames: held until the socket is attached (a push may arrive between {@code
   * $connect} and the end of the upgrade, as on AWS), then sent in arrival order.
   */
  private static final class Outbox {
    private final JsonNode authorizer;
    private final List<String> waiting = new ArrayList<>();
    private Session session;

    Outbox(JsonNode authorizer) {
      this.authorizer = authorizer.isMissingNode() ? JSON.createObjectNode() : authorizer;
    }

    synchronized void attach(Session attached) {
      session = attached;
      for (String frame : waiting) {
        session.sendText(frame, Callback.NOOP);
      }
      waiting.clear();
    }

    synchronized boolean send(String frame) {
      if (session == null) {
        waiting.add(frame);
        return true;
      }
      if (!session.isOpen()) {
        return false;
      }
      session.sendText(frame, Callback.NOOP);
      return true;
    }

    synchronized void close() {
      if (session != null) {
        session.close(StatusCode.NORMAL, "deleted", Callback.NOOP);
      }
    }
  }
}
