package dev.hoochat.adapters.javalin.web;

import dev.hoochat.api.ApiViews;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.message.MessageId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound adapter: pushes to the WebSocket connections open on this server. Sends are asynchronous
 * and queued by Jetty in call order, so a connection receives a group's messages in the order the
 * core hands them over. A connection that lets more than {@value #MAX_PENDING} frames pile up (a
 * client that stopped reading) is closed and reported gone, rather than allowed to fill the heap.
 * Each frame's size is metered (push bytes out), for cost models that charge per pushed byte.
 */
public final class WebSocketPusherAdapter implements Pusher {
  private static final Logger log = LoggerFactory.getLogger(WebSocketPusherAdapter.class);
  static final int MAX_PENDING = 1_000;

  private final Map<ConnectionId, Outbox> open = new ConcurrentHashMap<>();
  private final PortMetrics metrics;

  public WebSocketPusherAdapter(PortMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * A connection registered during its upgrade, before Jetty has a session for it: frames pushed to
   * it meanwhile wait (up to {@value #MAX_PENDING}) and go out, in order, once it is attached.
   */
  void expect(ConnectionId id) {
    open.put(id, new Outbox());
  }

  void attach(ConnectionId id, Session session) {
    open.computeIfAbsent(id, unused -> new Outbox()).attach(session);
  }

  void detach(ConnectionId id) {
    open.remove(id);
  }

  /** Sends a frame that is not a pushed message (an ack, an error) to one connection. */
  void reply(ConnectionId id, String frame) {
    Outbox outbox = open.get(id);
    if (outbox != null) {
      outbox.send(frame);
    }
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    Set<ConnectionId> gone = new HashSet<>();
    Map<Rendering, Frame> rendered = new HashMap<>();
    for (Delivery delivery : deliveries) {
      Outbox outbox = open.get(delivery.to());
      if (outbox == null || !outbox.isOpen()) {
        gone.add(delivery.to());
        continue;
      }
      Frame frame =
          rendered.computeIfAbsent(
              new Rendering(delivery.message().id(), delivery.mine()),
              r -> Frame.of(ApiViews.json(ApiViews.PushedMessage.of(delivery))));
      if (!outbox.send(frame.text())) {
        open.remove(delivery.to());
        gone.add(delivery.to());
      } else {
        metrics.transferred(PortMetrics.Layer.PUSH, "pusher", frame.bytes(), 0);
      }
    }
    return gone;
  }

  /** One JSON text per message and audience, however many connections receive it. */
  private record Rendering(MessageId message, boolean mine) {}

  /** A rendered push and its size on the wire (UTF-8 bytes of the text frame's payload). */
  private record Frame(String text, int bytes) {
    static Frame of(String text) {
      return new Frame(text, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
  }

  /**
   * One connection's outgoing frames. Until its session is attached they wait here; after, they are
   * handed to Jetty, which sends them in call order. Both happen under the outbox's lock, so the
   * waiting frames go out before any later one.
   */
  private static final class Outbox {
    private final AtomicInteger pending = new AtomicInteger();
    private final ArrayDeque<String> waiting = new java.util.ArrayDeque<>();
    private Session session;

    synchronized void attach(Session attached) {
      session = attached;
      while (!waiting.isEmpty()) {
        sendNow(waiting.poll());
      }
    }

    synchronized boolean isOpen() {
      return session == null || session.isOpen();
    }

    /** Queues a frame; false when the client has fallen too far behind and was closed. */
    synchronized boolean send(String frame) {
      if (pending.incrementAndGet() > MAX_PENDING) {
        pending.decrementAndGet();
        log.warn("event=slow_consumer_closed pending={}", MAX_PENDING);
        if (session != null) {
          session.close(StatusCode.POLICY_VIOLATION, "too slow: stopped reading", Callback.NOOP);
        }
        return false;
      }
      if (session == null) {
        waiting.add(frame);
      } else {
        sendNow(frame);
      }
      return true;
    }

    private void sendNow(String frame) {
      session.sendText(
          frame, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
    }
  }
}
