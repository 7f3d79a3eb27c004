package dev.hoochat.comparison;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * One member's open WebSocket, for measuring: each frame is stamped with {@link System#nanoTime()}
 * the moment it is complete and handed to a {@link Sink} on the client's thread, without being
 * stored, so a long run does not grow the heap and a latency is not delayed by polling. Sends on
 * one socket are serialised, as the JDK client requires.
 */
final class MemberSocket implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives every frame the server sends to one socket. */
  interface Sink {
    void onFrame(MemberSocket socket, JsonNode frame, long arrivalNanos);
  }

  private final int member;
  private WebSocket ws;

  private MemberSocket(int member) {
    this.member = member;
  }

  /** The index of the member this socket belongs to, as the caller numbered them. */
  int member() {
    return member;
  }

  /** Receives every frame as the server wrote it, for callers that parse only what they need. */
  interface TextSink {
    void onText(MemberSocket socket, String frame, long arrivalNanos);
  }

  static MemberSocket open(HttpClient http, URI wsUri, String token, int member, Sink sink) {
    return openText(
        http,
        wsUri,
        token,
        member,
        (socket, text, arrived) -> {
          try {
            sink.onFrame(socket, JSON.readTree(text), arrived);
          } catch (IOException e) {
            throw new IllegalStateException("the server sent a frame that is not JSON", e);
          }
        });
  }

  static MemberSocket openText(
      HttpClient http, URI wsUri, String token, int member, TextSink sink) {
    MemberSocket socket = new MemberSocket(member);
    URI uri = URI.create(wsUri + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long arrived = System.nanoTime();
            partial.append(data);
            if (last) {
              String text = partial.toString();
              partial.setLength(0);
              sink.onText(socket, text, arrived);
            }
            webSocket.request(1);
            return null;
          }
        };
    socket.ws = WebSockets.open(http, uri, null, listener);
    return socket;
  }

  synchronized void send(String frame) {
    ws.sendText(frame, true).join();
  }

  @Override
  public void close() {
    WebSocket socket = ws;
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
  }

  static String sendMessage(String groupId, String body, String clientMessageId) {
    return JSON.createObjectNode()
        .put("action", "sendMessage")
        .put("groupId", groupId)
        .put("body", body)
        .put("clientMessageId", clientMessageId)
        .toString();
  }
}
