package dev.hoochat.apiclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One open WebSocket of a user: collects every frame the server sends, in arrival order, and can
 * send frames. Reads wait for a condition with a deadline, never for a fixed time.
 */
public final class ChatSocket implements AutoCloseable {
  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final List<String> rawFrames = new CopyOnWriteArrayList<>();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile WebSocket ws;

  WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          long arrived = System.nanoTime();
          rawFrames.add(text);
          arrivals.add(arrived);
          frames.add(ChatClient.parse(text));
        }
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        closed.complete(-1);
      }
    };
  }

  void opened(WebSocket socket) {
    this.ws = socket;
  }

  public void send(String frame) {
    ws.sendText(frame, true).join();
  }

  /** Every frame so far, parsed. */
  public List<JsonNode> frames() {
    return new ArrayList<>(frames);
  }

  /** Every frame so far, as the server wrote it. */
  public List<String> rawFrames() {
    return new ArrayList<>(rawFrames);
  }

  /**
   * When the first frame matching {@code match} arrived ({@link System#nanoTime()}), or -1: for
   * latency measurements that must not depend on how often anyone polls.
   */
  public long arrivalNanos(Predicate<JsonNode> match) {
    for (int i = 0; i < frames.size() && i < arrivals.size(); i++) {
      JsonNode frame = frames.get(i);
      if (frame != null && match.test(frame)) {
        return arrivals.get(i);
      }
    }
    return -1;
  }

  /** The frames of type {@code message} for one group, in arrival order. */
  public List<JsonNode> messages(String groupId) {
    return frames.stream()
        .filter(
            f ->
                f != null
                    && "message".equals(text(f, "type"))
                    && groupId.equals(text(f, "groupId")))
        .toList();
  }

  /**
   * The frames of one type ({@code unsent}, {@code hidden}, {@code presence}, {@code error}, …) for
   * one group, in arrival order; {@code groupId} null for frames that name none ({@code ack},
   * {@code error}).
   */
  public List<JsonNode> frames(String type, String groupId) {
    return frames.stream()
        .filter(
            f ->
                f != null
                    && type.equals(text(f, "type"))
                    && (groupId == null || groupId.equals(text(f, "groupId"))))
        .toList();
  }

  /** Waits until {@code count} frames of the type for the group have arrived, and answers them. */
  public List<JsonNode> awaitFrames(String type, String groupId, int count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> got = frames(type, groupId);
      if (got.size() >= count) {
        return got;
      }
      pause();
    }
    throw new AssertionError(
        "expected " + count + " " + type + " frames within " + within + "; got " + rawFrames);
  }

  /** Waits until some frame matches, and answers it. */
  public JsonNode await(Predicate<JsonNode> match, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode frame : frames) {
        if (frame != null && match.test(frame)) {
          return frame;
        }
      }
      pause();
    }
    throw new AssertionError("no matching frame within " + within + "; got " + rawFrames);
  }

  /** Waits until {@code count} message frames of the group have arrived, and answers them. */
  public List<JsonNode> awaitMessages(String groupId, int count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonNode> got = messages(groupId);
      if (got.size() >= count) {
        return got;
      }
      pause();
    }
    throw new AssertionError(
        "expected "
            + count
            + " messages of "
            + groupId
            + " within "
            + within
            + ", got "
            + messages(groupId).size());
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** The close code the server sent, waiting for it. */
  public int awaitClose(Duration within) {
    try {
      return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the server did not close the socket within " + within, e);
    }
  }

  @Override
  public void close() {
    WebSocket socket = ws;
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.asText();
  }

  // Polling the frames collected so far; the deadline bounds the wait.
  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
