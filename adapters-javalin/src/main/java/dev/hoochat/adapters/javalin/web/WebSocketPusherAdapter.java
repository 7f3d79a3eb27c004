package dev.hoochat.adapters.javalin.web;

import dev.hoochat.api.ApiViews;
import dev.hoochat.api.PushFrames;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.user.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound adapter: pushes to the WebSocket connections open on this server. Sends are asynchronous
 * and queued by Jetty in call order, so a connection receives a group's messages in the order the
 * core hands them over.
 *
 * <p>Memory: each connection may have at most {@code maxPendingBytes} of frames handed to Jetty and
 * not yet written to its socket. A client that stops reading passes that bound; its connection is
 * then cut at once ({@link Session#disconnect}: a close frame would only queue behind what it does
 * not read), which fails and frees everything queued for it, and it is reported gone. A client that
 * merely reads slowly stays connected as long as it keeps within the bound.
 *
 * <p>Metering: each frame's size counts as push bytes out, for cost models that charge per pushed
 * byte. Every member's copy of a message has the same size (see {@link ApiViews}), so the counter
 * moves by the same amount whoever sent it.
 */
public final class WebSocketPusherAdapter implements Pusher {
  private static final Logger log = LoggerFactory.getLogger(WebSocketPusherAdapter.class);

  /** The default bound on bytes queued for one connection: ~800 ordinary messages. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;

  private final Map<ConnectionId, Outbox> open = new ConcurrentHashMap<>();
  private final PortMetrics metrics;
  private final long maxPendingBytes;

  public WebSocketPusherAdapter(PortMetrics metrics) {
    this(metrics, DEFAULT_MAX_PENDING_BYTES);
  }

  public WebSocketPusherAdapter(PortMetrics metrics, long maxPendingBytes) {
    if (maxPendingBytes < 16 * 1024) {
      throw new IllegalArgumentException("the bytes pending per socket must be at least 16384");
    }
    this.metrics = metrics;
    this.maxPendingBytes = maxPendingBytes;
  }

  /**
   * A connection registered during its upgrade, before Jetty has a session for it: frames pushed to
   * it meanwhile wait (within the same byte bound) and go out, in order, once it is attached.
   */
  void expect(ConnectionId id, UserId user) {
    open.put(id, new Outbox(maxPendingBytes, user));
  }

  /**
   * Gives the expected connection its session. A connection no longer expected was cut off (or
   * forgotten) between its upgrade and now — Jetty may call back well after the 101 on a loaded
   * machine — so its session is closed rather than given a fresh outbox: the registry no longer
   * lists it, and it would stay open receiving nothing.
   */
  void attach(ConnectionId id, Session session) {
    Outbox outbox = open.get(id);
    if (outbox == null) {
      log.info("event=socket_closed_on_attach reason=cut_off_before_its_session");
      session.disconnect();
      return;
    }
    outbox.attach(session);
  }

  /**
   * Whose connection {@code id} is, while this server holds it open: a node that receives a message
   * for its connections from the backplane works out {@code mine} from this, for each connection.
   */
  public Optional<UserId> userOf(ConnectionId id) {
    Outbox outbox = open.get(id);
    return outbox == null || !outbox.isOpen() ? Optional.empty() : Optional.ofNullable(outbox.user);
  }

  void detach(ConnectionId id) {
    open.remove(id);
  }

  /** Sends a frame that is not a pushed message (an ack, an error) to one connection. */
  void reply(ConnectionId id, String frame) {
    Outbox outbox = open.get(id);
    if (outbox != null && !outbox.send(Frame.of(frame))) {
      open.remove(id);
    }
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    Set<ConnectionId> gone = new HashSet<>();
    PushFrames<Frame> frames = PushFrames.of(deliveries, Frame::of);
    Frame counted = null;
    long pushed = 0;
    for (Delivery delivery : deliveries) {
      Frame frame = frames.frameFor(delivery);
      if (!send(delivery.to(), frame)) {
        gone.add(delivery.to());
      } else if (frame == counted || counted == null) {
        counted = frame;
        pushed++;
      } else {
        metrics.transferred(PortMetrics.Layer.PUSH, "pusher", frame.bytes(), 0);
      }
    }
    if (pushed > 0) {
      metrics.transferred(PortMetrics.Layer.PUSH, "pusher", counted.bytes(), 0, pushed);
    }
    return gone;
  }

  /** One frame, rendered once, to every connection named; the gone ones are answered. */
  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    Set<ConnectionId> gone = new HashSet<>();
    Frame frame = Frame.of(PushFrames.event(event));
    long pushed = 0;
    for (ConnectionId id : to) {
      if (send(id, frame)) {
        pushed++;
      } else {
        gone.add(id);
      }
    }
    if (pushed > 0) {
      metrics.transferred(PortMetrics.Layer.PUSH, "pusher", frame.bytes(), 0, pushed);
    }
    return gone;
  }

  /** Queues {@code frame} for {@code id}; false when the connection is gone (and forgotten). */
  private boolean send(ConnectionId id, Frame frame) {
    Outbox outbox = open.get(id);
    if (outbox == null) {
      return false;
    }
    if (!outbox.send(frame)) {
      open.remove(id);
      return false;
    }
    return true;
  }

  /**
   * A rendered frame: its text, encoded to UTF-8 once (read-only; each send takes its own view),
   * and its size on the wire (the text frame's payload). A message's frame goes to every member, so
   * encoding it per socket would repeat the same work fifty times.
   */
  private record Frame(String text, ByteBuffer utf8) {
    static Frame of(String text) {
      return new Frame(
          text, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    }

    int bytes() {
      return utf8.remaining();
    }
  }

  /**
   * One connection's outgoing frames. Until its session is attached they wait here; after, they are
   * handed to Jetty, which sends them in call order. Both happen under the outbox's lock, so the
   * waiting frames go out before any later one. {@code pendingBytes} counts what was handed over or
   * is waiting and has not been written yet; Jetty's callback gives it back.
   */
  private static final class Outbox {
    private final long maxPendingBytes;
    private final UserId user;
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long pendingBytes;
    private boolean cut;
    private Session session;

    Outbox(long maxPendingBytes, UserId user) {
      this.maxPendingBytes = maxPendingBytes;
      this.user = user;
    }

    synchronized void attach(Session attached) {
      session = attached;
      if (cut) {
        session.disconnect();
        return;
      }
      while (!waiting.isEmpty()) {
        sendNow(waiting.poll());
      }
    }

    synchronized boolean isOpen() {
      return !cut && (session == null || session.isOpen());
    }

    /**
     * Queues a frame; false when the connection is closed or was cut off, this time or before, for
     * falling too far behind.
     */
    synchronized boolean send(Frame frame) {
      if (cut || (session != null && !session.isOpen())) {
        return false;
      }
      if (pendingBytes + frame.bytes() > maxPendingBytes) {
        log.warn(
            "event=slow_consumer_closed pending_bytes={} limit={}", pendingBytes, maxPendingBytes);
        cut = true;
        waiting.clear();
        if (session != null) {
          session.disconnect();
        }
        return false;
      }
      pendingBytes += frame.bytes();
      if (session == null) {
        waiting.add(frame);
      } else {
        sendNow(frame);
      }
      return true;
    }

    private synchronized void written(int bytes) {
      pendingBytes -= bytes;
    }

    /**
     * Hands the frame to Jetty: through its core session when there is one, as a text frame over a
     * view of the bytes encoded once (Jetty's {@code sendText} would encode the text again for each
     * socket); Jetty writes frames in call order either way.
     */
    private void sendNow(Frame frame) {
      int bytes = frame.bytes();
      if (session instanceof WebSocketSession jetty) {
        jetty
            .getCoreSession()
            .sendFrame(
                new org.eclipse.jetty.websocket.core.Frame(OpCode.TEXT, frame.utf8().slice()),
                org.eclipse.jetty.util.Callback.from(
                    () -> written(bytes), failure -> written(bytes)),
                false);
      } else {
        session.sendText(
            frame.text(), Callback.from(() -> written(bytes), failure -> written(bytes)));
      }
    }
  }
}
