package dev.hoochat.adapters.javalin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pusher over real sockets: a Jetty WebSocket server whose sockets are the pusher's, and the
 * JDK's WebSocket client. Writes run on a writer pool that the test can hold back, so that frames
 * pile up behind a waiting write as they do on a busy server, and go out together.
 */
class WebSocketPusherAdapterTest {
  private static final GroupId GROUP = new GroupId("g-1");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ExecutorService writerThread = Executors.newSingleThreadExecutor();
  private final CountDownLatch holdWriters = new CountDownLatch(1);
  private final AtomicInteger writeTasks = new AtomicInteger();
  private final AtomicInteger nextId = new AtomicInteger();
  private final Executor heldWriter =
      task -> {
        writeTasks.incrementAndGet();
        writerThread.execute(
            () -> {
              awaitQuietly(holdWriters);
              task.run();
            });
      };
  private WebSocketPusherAdapter pusher;
  private Server server;
  private ServerConnector connector;

  @BeforeEach
  void startServer() throws Exception {
    pusher =
        new WebSocketPusherAdapter(
            PortMetrics.NONE, WebSocketPusherAdapter.DEFAULT_MAX_PENDING_BYTES, heldWriter);
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container ->
                container.addMapping(
                    "/ws",
                    (request, response, callback) ->
                        new Socket(pusher, new ConnectionId(request.getHttpURI().getQuery())))));
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    holdWriters.countDown();
    server.stop();
    writerThread.shutdownNow();
  }

  @Test
  void framesQueuedBehindAWaitingWriteAllArriveInCallOrderWhateverTheirSize() throws Exception {
    Client alice = connect("alice");
    Client bob = connect("bob");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      pusher.pushEvent(presence(i), List.of(alice.id, bob.id));
      sent.add("\"online\":" + i + ",");
      if (i % 50 == 7) {
        // A frame too large for Jetty's batch buffer, between small ones.
        String large = "x".repeat(3000 + i);
        pusher.reply(alice.id, large);
        sent.add(large);
      }
    }
    assertThat(writeTasks.get())
        .as("one write task: the pushes after the first found a write waiting for each socket")
        .isEqualTo(1);
    holdWriters.countDown();

    List<String> aliceGot = alice.take(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(aliceGot.get(i)).as("frame %d", i).contains(sent.get(i));
    }
    List<String> bobGot = bob.take(300);
    for (int i = 0; i < 300; i++) {
      assertThat(bobGot.get(i)).as("frame %d", i).contains("\"online\":" + i + ",");
    }
  }

  @Test
  void framesWaitingForTheServersWriterDoNotCountAgainstAClientThatReads() throws Exception {
    pusher = new WebSocketPusherAdapter(PortMetrics.NONE, 16 * 1024, heldWriter);
    Client reader = connect("reader");
    String large = "y".repeat(2_000);
    for (int i = 0; i < 100; i++) {
      pusher.reply(reader.id, i + ":" + large);
    }
    holdWriters.countDown();

    List<String> got = reader.take(100);
    for (int i = 0; i < 100; i++) {
      assertThat(got.get(i)).as("frame %d", i).startsWith(i + ":");
    }
    assertThat(pusher.pushEvent(presence(1), List.of(reader.id)))
        .as("the reader, 200 KB behind only on this server's side, is still connected")
        .isEmpty();
    assertThat(reader.take(1).get(0)).contains("\"online\":1,");
  }

  @Test
  void framesPushedFromManyThreadsReachEverySocketOnceAndEachThreadsInItsOrder() throws Exception {
    holdWriters.countDown();
    List<Client> clients = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      clients.add(connect("c" + c));
    }
    List<ConnectionId> to = clients.stream().map(c -> c.id).toList();
    int threads = 4;
    int perThread = 200;
    ExecutorService pushers = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pushers.execute(
          () -> {
            for (int i = 0; i < perThread; i++) {
              pusher.pushEvent(presence(thread * 1000 + i), to);
            }
          });
    }
    pushers.shutdown();
    assertThat(pushers.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    for (Client client : clients) {
      List<String> got = client.take(threads * perThread);
      int[] last = new int[threads];
      java.util.Arrays.fill(last, -1);
      for (String frame : got) {
        int online = Integer.parseInt(frame.replaceAll(".*\"online\":(\\d+),.*", "$1"));
        int thread = online / 1000;
        assertThat(online % 1000).as("thread %d's next frame", thread).isEqualTo(last[thread] + 1);
        last[thread] = online % 1000;
      }
      assertThat(last).containsOnly(perThread - 1);
    }
  }

  @Test
  void aClosedSocketIsAnsweredGoneAndTheOthersStillReceive() throws Exception {
    holdWriters.countDown();
    Client alice = connect("alice");
    Client bob = connect("bob");
    bob.socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "bye")
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    AtomicInteger pushes = new AtomicInteger();
    Set<ConnectionId> gone =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(25))
            .until(
                () ->
                    pusher.pushEvent(presence(pushes.getAndIncrement()), List.of(alice.id, bob.id)),
                answered -> !answered.isEmpty());
    assertThat(gone).containsExactly(bob.id);
    assertThat(alice.take(1).get(0)).contains("\"online\":0,");
  }

  private Client connect(String name) throws Exception {
    ConnectionId id = new ConnectionId(name + nextId.incrementAndGet());
    Client client = new Client(id);
    client.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws?" + id.value()),
                client)
            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    // The pusher knows the socket once it answers whose it is.
    await("socket " + id + " attached").atMost(PATIENCE).until(() -> pusher.userOf(id).isPresent());
    return client;
  }

  private static Pusher.GroupEvent presence(int online) {
    return new Pusher.GroupEvent.Presence(GROUP, online, 100_000);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's end of a socket: the pusher's once open (Jetty calls it by reflection). */
  public static final class Socket implements Session.Listener.AutoDemanding {
    private final WebSocketPusherAdapter pusher;
    private final ConnectionId id;

    Socket(WebSocketPusherAdapter pusher, ConnectionId id) {
      this.pusher = pusher;
      this.id = id;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      pusher.expect(id, new UserId("u-" + id.value()));
      pusher.attach(id, session);
    }
  }

  /** A client that keeps every text frame it receives, whole. */
  private static final class Client implements WebSocket.Listener {
    final ConnectionId id;
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    Client(ConnectionId id) {
      this.id = id;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return CompletableFuture.completedFuture(null);
    }

    List<String> take(int count) throws InterruptedException {
      List<String> got = new ArrayList<>();
      while (got.size() < count) {
        String frame = frames.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(frame).as("frame %d of %d", got.size(), count).isNotNull();
        got.add(frame);
      }
      return got;
    }
  }
}
