package dev.hoochat.apiclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A HooChat client over the JDK's HTTP and WebSocket clients, speaking API.md as a user's app
 * would. Every call answers the raw status, headers and JSON, so tests can check the contract word
 * for word and the cost lab can drive a deployment as its users would.
 */
public final class ChatClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<URI> bases;
  private final AtomicInteger turn = new AtomicInteger();
  private final HttpClient http;

  public ChatClient(URI base) {
    this(List.of(base));
  }

  /**
   * A client of several servers of one deployment (docs/scale-out.md): each request and each
   * WebSocket goes to the next one in turn, as a load balancer without affinity would send them.
   */
  public ChatClient(List<URI> bases) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("no server to talk to");
    }
    this.bases = List.copyOf(bases);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The first server (the only one, unless several were given). */
  public URI base() {
    return bases.get(0);
  }

  private URI next() {
    return bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
  }

  /** A user as the client knows them after signing up. */
  public record Account(String userId, String handle, String token) {}

  /** An HTTP answer. {@code json} is null when the body is empty or not JSON. */
  public record Reply(
      int status,
      String contentType,
      Map<String, java.util.List<String>> headers,
      String text,
      JsonNode json) {
    public String code() {
      return json == null || json.get("code") == null ? null : json.get("code").asText();
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse(null);
    }
  }

  public Account signUp(String handle, String password) {
    Reply reply =
        send("POST", "/v1/users", null, json("handle", handle, "password", password).toString());
    if (reply.status() != 201) {
      throw new AssertionError(
          "sign-up of " + handle + " answered " + reply.status() + " " + reply.text());
    }
    return new Account(
        reply.json().get("userId").asText(),
        reply.json().get("handle").asText(),
        reply.json().get("token").asText());
  }

  public Reply post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  public Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  public Reply send(String method, String path, String token, String body) {
    return sendBytes(
        method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public Reply sendBytes(
      String method, String path, String token, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(next().resolve(path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      return new Reply(
          response.statusCode(),
          contentType,
          response.headers().map(),
          response.body(),
          parse(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Opens the WebSocket as {@code token}'s user; fails if the upgrade is refused. */
  public ChatSocket connect(String token) {
    ChatSocket socket = new ChatSocket();
    URI base = next();
    URI uri =
        URI.create(
            "ws://"
                + base.getHost()
                + ":"
                + base.getPort()
                + "/v1/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    try {
      WebSocket ws =
          http.newWebSocketBuilder()
              // The whole opening handshake: through the local gateway that is the authorizer's
              // and $connect's functions, each a JVM of its own, slow on a loaded machine.
              .connectTimeout(TIMEOUT)
              .buildAsync(uri, socket.listener())
              .get(30, TimeUnit.SECONDS);
      socket.opened(ws);
      return socket;
    } catch (ExecutionException e) {
      throw new ConnectRefused(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("WebSocket connect timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The WebSocket upgrade was refused (a bad token, say). */
  public static final class ConnectRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectRefused(Throwable cause) {
      super(cause);
    }
  }

  public static ObjectNode json(String... keysAndValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      node.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return node;
  }

  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
