package dev.hoochat.comparison;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The floor under HooChat's fan-out: a bare Jetty WebSocket server, the same Jetty HooChat runs on,
 * that broadcasts every text frame a socket sends to every socket of its group, the sender's
 * included — no accounts, no store, no cache, no metrics, no rendering. A socket names its group as
 * its token ({@code /v1/ws?token=G}), so that the lab's HooChat client connects to it unchanged.
 * Each frame is encoded once and handed to each socket's core session as a view, as HooChat's
 * pusher does, so the difference between the two is HooChat's own work.
 *
 * <p>Two ways of writing. By default each frame is written to each socket at once, in the
 * broadcasting thread, as Jetty's API invites. With {@code batched} the floor writes as HooChat's
 * pusher does: a broadcast queues the frame on each socket and hands one task to the pool, which
 * writes each socket's queue in one go, so that frames queued behind a waiting write leave with it
 * in one system call.
 *
 * <p>Run as its own process, so that its CPU can be read apart from the clients': {@code java -cp
 * hoochat-compare.jar dev.hoochat.comparison.JettyFloorServer [PORT] [batched]} prints {@code
 * listening on http://127.0.0.1:PORT}.
 */
public final class JettyFloorServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final Map<String, Set<Member>> groups = new ConcurrentHashMap<>();
  private final boolean batched;
  private final QueuedThreadPool threads;

  private JettyFloorServer(int port, boolean batched) throws Exception {
    this.batched = batched;
    threads = new QueuedThreadPool(200, 8);
    threads.setName("floor");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    WebSocketUpgradeHandler upgrades =
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              container.setMaxTextMessageSize(64 * 1024);
              container.addMapping(
                  "/v1/ws",
                  (request, response, callback) ->
                      new Member(group(request.getHttpURI().getQuery())));
            });
    server.setHandler(upgrades);
    server.start();
  }

  /** Starts a floor on {@code port} (0: any free one) on loopback. */
  public static JettyFloorServer start(int port, boolean batched) throws Exception {
    return new JettyFloorServer(port, batched);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static String group(String query) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("token=")) {
          return pair.substring("token=".length());
        }
      }
    }
    return "";
  }

  /** One socket: joins its group when open, leaves it when closed, broadcasts what it sends. */
  public final class Member implements Session.Listener.AutoDemanding {
    private final String group;
    private final Queue<ByteBuffer> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private CoreSession session;

    Member(String group) {
      this.group = group;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
      session = ((WebSocketSession) opened).getCoreSession();
      groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(this);
    }

    @Override
    public void onWebSocketText(String text) {
      ByteBuffer payload =
          ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
      Set<Member> members = groups.getOrDefault(group, Set.of());
      if (!batched) {
        for (Member member : members) {
          member.session.sendFrame(new Frame(OpCode.TEXT, payload.slice()), Callback.NOOP, false);
        }
        return;
      }
      List<Member> toWrite = new ArrayList<>(members.size());
      for (Member member : members) {
        member.queued.add(payload);
        if (member.writing.compareAndSet(false, true)) {
          toWrite.add(member);
        }
      }
      threads.execute(() -> toWrite.forEach(Member::write));
    }

    /** Writes everything queued, all but the last frame batched; the one writer of this socket. */
    private void write() {
      do {
        List<ByteBuffer> frames = new ArrayList<>();
        for (ByteBuffer next; (next = queued.poll()) != null; ) {
          frames.add(next);
        }
        for (int i = 0; i < frames.size(); i++) {
          session.sendFrame(
              new Frame(OpCode.TEXT, frames.get(i).slice()), Callback.NOOP, i < frames.size() - 1);
        }
        writing.set(false);
      } while (!queued.isEmpty() && writing.compareAndSet(false, true));
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
      Set<Member> members = groups.get(group);
      if (members != null) {
        members.remove(this);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    JettyFloorServer floor =
        start(
            args.length > 0 ? Integer.parseInt(args[0]) : 0,
            args.length > 1 && args[1].equals("batched"));
    System.out.println("listening on http://127.0.0.1:" + floor.port());
    System.out.flush();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    floor.close();
                  } catch (Exception e) {
                    // exiting anyway
                  }
                }));
    Thread.currentThread().join();
  }
}
