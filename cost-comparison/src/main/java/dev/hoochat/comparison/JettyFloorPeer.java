package dev.hoochat.comparison;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor: {@link JettyFloorServer}, a bare Jetty broadcast, as a child process, driven by the
 * very client HooChat's row uses ({@link MemberSocket}). Each post is a frame the size and shape of
 * the message frame HooChat pushes, so the two rows move the same bytes through the same Jetty and
 * the same clients; what HooChat spends above this row is its own work (authentication, the store
 * and the cache, numbering, per-audience rendering, metrics, limits).
 */
final class JettyFloorPeer implements PeerProtocol {
  private final boolean batched;
  private final List<String> jvmFlags;

  /**
   * @param batched writes as HooChat's pusher does (queued per socket, written by a pool thread,
   *     frames that queued meanwhile together) rather than each frame at once
   * @param jvmFlags flags for the floor's JVM, before its class path
   */
  JettyFloorPeer(boolean batched, List<String> jvmFlags) {
    this.batched = batched;
    this.jvmFlags = List.copyOf(jvmFlags);
  }

  @Override
  public String name() {
    return batched ? "jetty-floor-batched" : "jetty-floor";
  }

  /** Needs nothing but this lab's own class path. */
  @Override
  public void check() {}

  @Override
  public Server start(Path dir) throws java.io.IOException {
    ServerProcess process =
        ServerProcess.startJava(
            name(),
            jvmFlags,
            List.of(
                "-cp",
                classPath(),
                JettyFloorServer.class.getName(),
                "0",
                batched ? "batched" : "at-once"),
            dir);
    URI base = process.awaitListening();
    return new Running(process, URI.create("ws://" + base.getAuthority() + "/v1/ws"));
  }

  /** This process's class path with absolute entries: the floor runs in its own directory. */
  static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  /**
   * A post as HooChat would push it: {@code type}, a 22-character group id and message id, {@code
   * seq}, the body, {@code sentAt} and {@code mine} — the floor passes it on unread.
   */
  static String frame(int group, long seq, String body) {
    String id = String.format("%022d", seq);
    String groupId = String.format("group%017d", group);
    return "{\"type\":\"message\",\"groupId\":\""
        + groupId
        + "\",\"messageId\":\""
        + id
        + "\",\"seq\":"
        + seq
        + ",\"body\":\""
        + body
        + "\",\"sentAt\":\"2026-12-02T00:00:00.000Z\",\"mine\":false}";
  }

  private static final class Running implements Server {
    private final ServerProcess process;
    private final URI ws;

    Running(ServerProcess process, URI ws) {
      this.process = process;
      this.ws = ws;
    }

    @Override
    public ServerProcess process() {
      return process;
    }

    @Override
    public Client join(HttpClient http, int member, int group, Deliveries deliveries) {
      MemberSocket socket =
          HooChatPeer.messageSocket(http, ws, Integer.toString(group), member, deliveries);
      return new Client() {
        private long sent;

        @Override
        public void post(int group, String body) {
          socket.send(frame(group, ++sent, body));
        }

        @Override
        public void close() {
          socket.close();
        }
      };
    }

    @Override
    public void close() {
      process.close();
    }
  }
}
