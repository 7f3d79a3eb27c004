package dev.hoochat.comparison;

import dev.hoochat.apiclient.ChatClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * HooChat itself: the standalone server jar as a child process (memory store and cache, no post
 * limit, cheap password hashing so sign-up is quick); members signed up and grouped over the REST
 * API, each on its own WebSocket ({@link MemberSocket}), posting with {@code sendMessage}.
 */
final class HooChatPeer implements PeerProtocol {
  private final Path jar;
  private final List<String> jvmFlags;

  /**
   * @param jar the server jar; null to look for it where a build from the root puts it
   * @param jvmFlags flags for the server's JVM, before {@code -jar}
   */
  HooChatPeer(Path jar, List<String> jvmFlags) {
    // the server runs in a directory of its own, so a path relative to here must not reach it
    this.jar = jar == null ? null : jar.toAbsolutePath().normalize();
    this.jvmFlags = List.copyOf(jvmFlags);
  }

  @Override
  public String name() {
    return "hoochat";
  }

  @Override
  public void check() {
    serverJar();
  }

  private Path serverJar() {
    if (jar != null) {
      if (!Files.isRegularFile(jar)) {
        throw new ServerProcess.MissingPeer("no server jar at " + jar);
      }
      return jar;
    }
    for (String dir : List.of(".", "..")) {
      Path candidate = Path.of(dir, "adapters-javalin", "target", "hoochat-server.jar");
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new ServerProcess.MissingPeer(
        "adapters-javalin/target/hoochat-server.jar not found: build it (mvn -pl adapters-javalin"
            + " -am package -DskipTests) and run from the repository root, or give --server-jar");
  }

  @Override
  public Server start(Path dir) throws java.io.IOException {
    ServerProcess process =
        ServerProcess.startJava(
            name(),
            jvmFlags,
            List.of(
                "-jar",
                serverJar().toString(),
                "--port",
                "0",
                "--store",
                "memory",
                "--cache",
                "memory",
                "--post-limit",
                "0",
                "--password-iterations",
                "1000",
                "--max-connections-per-address",
                "0",
                "--admin-port",
                "-1"),
            dir);
    return new Running(process, process.awaitListening());
  }

  /**
   * A member's socket that hands the body of each {@code message} frame it receives to {@code
   * deliveries}; an ack needs nothing, and a refused post is never delivered (counted lost).
   */
  static MemberSocket messageSocket(
      HttpClient http, URI ws, String token, int member, Deliveries deliveries) {
    return MemberSocket.openText(
        http,
        ws,
        token,
        member,
        (s, frame, arrived) -> {
          if (frame.startsWith("{\"type\":\"message\"")) {
            int body = frame.indexOf("\"body\":\"");
            deliveries.arrived(s.member(), frame, body < 0 ? -1 : body + 8, arrived);
          }
        });
  }

  private static final class Running implements Server {
    private final ServerProcess process;
    private final URI base;
    private final URI ws;
    private Community community;

    Running(ServerProcess process, URI base) {
      this.process = process;
      this.base = base;
      this.ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/ws");
    }

    @Override
    public ServerProcess process() {
      return process;
    }

    @Override
    public void prepare(int groups, int groupSize, IntConsumer progress) {
      community = Community.create(new ChatClient(base), groups, groupSize, progress);
    }

    @Override
    public Client join(HttpClient http, int member, int group, Deliveries deliveries) {
      Community.Group g = community.groups().get(group);
      ChatClient.Account account = g.members().get(member % g.members().size());
      MemberSocket socket = messageSocket(http, ws, account.token(), member, deliveries);
      return new Client() {
        private long sent;

        @Override
        public void post(int group, String body) {
          socket.send(
              MemberSocket.sendMessage(
                  community.groups().get(group).groupId(), body, "m" + member + "-" + sent++));
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
