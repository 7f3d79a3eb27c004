package dev.hoochat.comparison;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prosody 0.12 (Debian {@code prosody}): multi-user chat over XMPP over WebSocket (RFC 7395, {@code
 * mod_websocket}, subprotocol {@code xmpp}). Members log in anonymously (SASL ANONYMOUS on an
 * anonymous virtual host), each group is a room of the MUC component, each member joins its room
 * asking for no history, and a post is a {@code groupchat} message, which the room sends to every
 * occupant, the poster included.
 *
 * <p>The server runs from a config written here: its data, pid and log in the run's directory, HTTP
 * (for the WebSocket) and c2s on free loopback ports, no s2s, no TLS (the WebSocket is declared
 * secure), rooms unlocked on creation with no history, and {@code mod_limits} not loaded, so
 * nothing throttles a client's bytes.
 */
final class ProsodyPeer implements PeerProtocol {
  static final String HOST = "anon.lab";
  static final String MUC = "muc.lab";

  @Override
  public String name() {
    return "prosody";
  }

  @Override
  public void check() {
    ServerProcess.require("prosody", "prosody");
  }

  @Override
  public Server start(Path dir) throws IOException {
    int http = ServerProcess.freePort();
    int c2s = ServerProcess.freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    Path conf = dir.resolve("prosody.cfg.lua");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "run_as_root = true -- when the lab runs as root: stay, the files are the lab's",
            "data_path = " + lua(data.toString()),
            "pidfile = " + lua(dir.resolve("prosody.pid").toString()),
            "certificates = " + lua(dir.toString()),
            "log = { { levels = { min = \"warn\" }, to = \"file\", filename = "
                + lua(dir.resolve("prosody-file.log").toString())
                + " } }",
            "modules_enabled = { \"saslauth\", \"websocket\" }",
            "modules_disabled = { \"s2s\" }",
            "storage = \"memory\"",
            "interfaces = { \"127.0.0.1\" }",
            "c2s_ports = { " + c2s + " }",
            "c2s_interfaces = { \"127.0.0.1\" }",
            "s2s_ports = { }",
            "http_ports = { " + http + " }",
            "http_interfaces = { \"127.0.0.1\" }",
            "https_ports = { }",
            "c2s_direct_tls_ports = { }",
            "legacy_ssl_ports = { }",
            "consider_websocket_secure = true",
            "network_settings = { nagle = false } -- as HooChat's Jetty: TCP_NODELAY",
            "VirtualHost \"" + HOST + "\"",
            "  authentication = \"anonymous\"",
            "Component \"" + MUC + "\" \"muc\"",
            "  muc_room_locking = false",
            "  muc_room_default_history_length = 0",
            "  max_history_messages = 0",
            ""));
    ServerProcess process =
        ServerProcess.start(
            name(),
            List.of(
                ServerProcess.require("prosody", "prosody").toString(),
                "--config",
                conf.toString(),
                "-F"),
            dir,
            Map.of());
    try {
      process.awaitPort(http, Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    URI uri = URI.create("ws://127.0.0.1:" + http + "/xmpp-websocket");
    return new Server() {
      @Override
      public ServerProcess process() {
        return process;
      }

      @Override
      public Client join(HttpClient client, int member, int group, Deliveries deliveries) {
        return XmppClient.join(client, uri, member, "g" + group + "@" + MUC, deliveries);
      }

      @Override
      public void close() {
        process.close();
      }
    };
  }

  private static String lua(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * One anonymous XMPP session over one WebSocket, in one room. While joining, frames are read in
   * turn from a queue; once in the room, only {@code <message} frames matter, handed on as they
   * come, and the rest (other members' presence) is dropped.
   */
  static final class XmppClient implements Client, WebSocket.Listener {
    private static final String OPEN =
        "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + HOST + "' version='1.0'/>";

    private final int member;
    private final Deliveries deliveries;
    private final BlockingQueue<String> setup = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean joined;
    private WebSocket ws;
    private String room;

    private XmppClient(int member, Deliveries deliveries) {
      this.member = member;
      this.deliveries = deliveries;
    }

    static XmppClient join(HttpClient http, URI uri, int member, String room, Deliveries sink) {
      XmppClient c = new XmppClient(member, sink);
      c.room = room;
      c.ws = WebSockets.open(http, uri, "xmpp", c);
      c.send(OPEN);
      c.await("ANONYMOUS");
      c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
      c.await("<success");
      c.send(OPEN);
      c.await("urn:ietf:params:xml:ns:xmpp-bind");
      c.send(
          "<iq xmlns='jabber:client' type='set' id='bind'>"
              + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
      c.await("<jid>");
      c.send(
          "<presence xmlns='jabber:client' to='"
              + room
              + "/m"
              + member
              + "'><x xmlns='http://jabber.org/protocol/muc'>"
              + "<history maxstanzas='0'/></x></presence>");
      c.await("110"); // status code 110: this presence is the member's own, it is in the room
      c.joined = true;
      c.setup.clear();
      return c;
    }

    @Override
    public void post(int group, String body) {
      send(
          "<message xmlns='jabber:client' to='"
              + room
              + "' type='groupchat'><body>"
              + body
              + "</body></message>");
    }

    @Override
    public void close() {
      if (ws != null && !ws.isOutputClosed()) {
        try {
          send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        } catch (RuntimeException ignored) {
          // closing anyway
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
      }
    }

    private synchronized void send(String stanza) {
      ws.sendText(stanza, true).join();
    }

    /** Reads frames until one contains {@code marker}; a SASL failure or a stream error ends it. */
    private void await(String marker) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try {
        while (true) {
          String frame = setup.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          if (frame == null) {
            throw new IllegalStateException("prosody: no " + marker + " for member " + member);
          }
          if (frame.contains(marker)) {
            return;
          }
          if (frame.contains("<failure")
              || frame.contains("stream:error")
              || frame.contains("type='error'")) {
            throw new IllegalStateException("prosody refused member " + member + ": " + frame);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long arrived = System.nanoTime();
      partial.append(data);
      if (last) {
        if (partial.indexOf("<message") == 0) {
          int body = partial.indexOf("<body>");
          deliveries.arrived(member, partial, body < 0 ? -1 : body + 6, arrived);
        } else if (!joined) {
          setup.add(partial.toString());
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
