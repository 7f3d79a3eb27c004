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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound adapter: pushes to the WebSocket connections open on this server. A push queues each
 * frame on its connection's outbox, in call order, and returns; writer threads hand the queued
 * frames to Jetty in the same order, so a connection receives a group's messages in the order the
 * core hands them over.
 *
 * <p>Writes: one writer per connection at a time, and one writer task per push, however many
 * sockets it reaches. When the server is busy a socket's write waits its turn, and what is queued
 * for it meanwhile leaves with it in one system call (Jetty batches all but the last frame into its
 * buffer): the busier the server, the fewer writes per frame. An idle server writes each frame at
 * once, one thread hand-over later.
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
  private final Executor writers;

  /**
   * @param writers runs the writes to the sockets, apart from the thread that pushes: a frame
   *     queued for a socket whose write is still waiting its turn leaves with it, in one system
   *     call. A rejected task (the pool stopping) is run by the pushing thread.
   */
  public WebSocketPusherAdapter(PortMetrics metrics, long maxPendingBytes, Executor writers) {
    if (maxPendingBytes < 16 * 1024) {
      throw new IllegalArgumentException("the bytes pending per socket must be at least 16384");
    }
    this.metrics = metrics;
    this.maxPendingBytes = maxPendingBytes;
    this.writers = writers;
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
    if (outbox.attach(session)) {
      write(List.of(outbox));
    }
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
    List<Outbox> toWrite = new ArrayList<>(1);
    send(id, Frame.of(frame), toWrite);
    write(toWrite);
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    Set<ConnectionId> gone = new HashSet<>();
    PushFrames<Frame> frames = PushFrames.of(deliveries, Frame::of);
    Frame counted = null;
    long pushed = 0;
    List<Outbox> toWrite = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      Frame frame = frames.frameFor(delivery);
      if (!send(delivery.to(), frame, toWrite)) {
        gone.add(delivery.to());
      } else if (frame == counted || counted == null) {
        counted = frame;
        pushed++;
      } else {
        metrics.transferred(PortMetrics.Layer.PUSH, "pusher", frame.bytes(), 0);
      }
    }
    write(toWrite);
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
    List<Outbox> toWrite = new ArrayList<>(to.size());
    for (ConnectionId id : to) {
      if (send(id, frame, toWrite)) {
        pushed++;
      } else {
        gone.add(id);
      }
    }
    write(toWrite);
    if (pushed > 0) {
      metrics.transferred(PortMetrics.Layer.PUSH, "pusher", frame.bytes(), 0, pushed);
    }
    return gone;
  }

  /**
   * Queues {@code frame} for {@code id}, adding its outbox to {@code toWrite} when this call must
   * have it written; false when the connection is gone (and forgotten).
   */
  private boolean send(ConnectionId id, Frame frame, List<Outbox> toWrite) {
    Outbox outbox = open.get(id);
    if (outbox == null) {
      return false;
    }
    switch (outbox.send(frame)) {
      case GONE -> {
        open.remove(id);
        return false;
      }
      case WRITE -> toWrite.add(outbox);
      case QUEUED -> {}
    }
    return true;
  }

  /**
   * Writes the outboxes this call claimed, in its order, on a writer thread: one task for the whole
   * push, however many sockets it reaches.
   */
  private void write(List<Outbox> outboxes) {
    if (outboxes.isEmpty()) {
      return;
    }
    Runnable task = () -> outboxes.forEach(Outbox::write);
    try {
      writers.execute(task);
    } catch (RejectedExecutionException stopping) {
      task.run();
    }
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
   * One connection's outgoing frames. Frames are queued here, under the outbox's lock, in call
   * order; one writer at a time ({@code writing}) takes everything queued and hands it to Jetty,
   * outside the lock, in the same order, and comes back for what arrived meanwhile. Until the
   * session is attached, nothing is written.
   *
   * <p>{@code pendingBytes} counts what was handed to Jetty and not yet written (or copied into
   * Jetty's own batch buffer); Jetty's callback gives it back. Only that measures the client:
   * frames still queued here wait for this server's writer, not for the client, so they do not
   * count — otherwise a client that reads at once would be cut whenever the server fell behind.
   * They cost little: a queued frame is a reference to the one frame every member's socket shares.
   */
  private static final class Outbox {
    private final long maxPendingBytes;
    private final UserId user;
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long pendingBytes;
    private boolean cut;
    private boolean writing;
    private Session session;

    Outbox(long maxPendingBytes, UserId user) {
      this.maxPendingBytes = maxPendingBytes;
      this.user = user;
    }

    /** Gives the outbox its session; true when frames wait and the caller must {@link #write}. */
    synchronized boolean attach(Session attached) {
      session = attached;
      if (cut) {
        session.disconnect();
        return false;
      }
      return claimWriter();
    }

    synchronized boolean isOpen() {
      return !cut && (session == null || session.isOpen());
    }

    /**
     * Queues a frame: {@link Queued#GONE} when the connection is closed or was cut off, this time
     * or before, for falling too far behind; {@link Queued#WRITE} when this caller is now the one
     * writer and must call {@link #write}; {@link Queued#QUEUED} when a writer will take it.
     */
    synchronized Queued send(Frame frame) {
      if (cut || (session != null && !session.isOpen())) {
        return Queued.GONE;
      }
      if (pendingBytes + frame.bytes() > maxPendingBytes) {
        cutOff();
        return Queued.GONE;
      }
      waiting.add(frame);
      return claimWriter() ? Queued.WRITE : Queued.QUEUED;
    }

    private boolean claimWriter() {
      if (writing || session == null || waiting.isEmpty()) {
        return false;
      }
      writing = true;
      return true;
    }

    /**
     * Hands everything queued to Jetty, in order, until nothing is left; only the writer that
     * claimed the outbox calls this. Frames that queued up while the writer waited its turn leave
     * in one write: all but the last are batched into Jetty's buffer, and the last one flushes
     * them.
     */
    void write() {
      while (true) {
        Frame[] frames;
        Session to;
        synchronized (this) {
          if (cut || waiting.isEmpty()) {
            writing = false;
            return;
          }
          frames = waiting.toArray(new Frame[0]);
          waiting.clear();
          to = session;
        }
        for (int i = 0; i < frames.length; i++) {
          if (!admit(frames[i])) {
            return;
          }
          hand(to, frames[i], i < frames.length - 1);
        }
      }
    }

    /**
     * Counts a frame as handed to Jetty, unless the client has fallen too far behind (or was cut
     * meanwhile): then the connection is cut and the writer stops.
     */
    private synchronized boolean admit(Frame frame) {
      if (!cut && pendingBytes + frame.bytes() > maxPendingBytes) {
        cutOff();
      }
      if (cut) {
        writing = false;
        return false;
      }
      pendingBytes += frame.bytes();
      return true;
    }

    /**
     * Cuts a client that stopped reading: {@link Session#disconnect} at once, since a close frame
     * would only queue behind what it does not read. That fails and frees what Jetty holds for it.
     */
    private void cutOff() {
      log.warn(
          "event=slow_consumer_closed pending_bytes={} limit={}", pendingBytes, maxPendingBytes);
      cut = true;
      waiting.clear();
      if (session != null) {
        session.disconnect();
      }
    }

    private synchronized void written(int bytes) {
      pendingBytes -= bytes;
    }

    /**
     * Hands one frame to Jetty: through its core session when there is one, as a text frame over a
     * view of the bytes encoded once (Jetty's {@code sendText} would encode the text again for each
     * socket); Jetty writes frames in call order either way. A batched frame is held in Jetty's
     * buffer until the next unbatched one.
     */
    private void hand(Session to, Frame frame, boolean batch) {
      int bytes = frame.bytes();
      if (to instanceof WebSocketSession jetty) {
        jetty
            .getCoreSession()
            .sendFrame(
                new org.eclipse.jetty.websocket.core.Frame(OpCode.TEXT, frame.utf8().slice()),
                org.eclipse.jetty.util.Callback.from(
                    () -> written(bytes), failure -> written(bytes)),
                batch);
      } else {
        to.sendText(frame.text(), Callback.from(() -> written(bytes), failure -> written(bytes)));
      }
    }
  }

  private enum Queued {
    GONE,
    QUEUED,
    WRITE
  }
}
