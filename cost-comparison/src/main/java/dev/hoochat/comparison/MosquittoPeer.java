package dev.hoochat.comparison;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto 2.0 (Debian {@code mosquitto}), the pub/sub floor: MQTT 3.1.1 over WebSocket
 * (subprotocol {@code mqtt}), QoS 0, anonymous, no persistence. Each group is a topic {@code
 * lab/G}; each member subscribes to its group's topic; a post is a PUBLISH to it, which the broker
 * sends to every subscriber, the poster included (3.1.1 has no "no local").
 *
 * <p>The client speaks the few packets it needs: CONNECT / CONNACK, SUBSCRIBE / SUBACK, PUBLISH
 * (QoS 0, so no packet id and no acknowledgement), DISCONNECT; keep-alive 0, so no PINGREQ.
 */
final class MosquittoPeer implements PeerProtocol {

  @Override
  public String name() {
    return "mosquitto";
  }

  @Override
  public void check() {
    ServerProcess.require("mosquitto", "mosquitto");
  }

  @Override
  public Server start(Path dir) throws IOException {
    int ws = ServerProcess.freePort();
    int tcp = ServerProcess.freePort();
    Path conf = dir.resolve("mosquitto.conf");
    // Mosquitto 2.0.11 exits with "Unable to start any listening sockets" when its only listener
    // is a WebSocket one, so a plain MQTT listener on loopback stands beside it, unused.
    Files.writeString(
        conf,
        String.join(
            "\n",
            "per_listener_settings false",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "max_connections -1",
            "set_tcp_nodelay true",
            "max_queued_messages 100000",
            "listener " + tcp + " 127.0.0.1",
            "listener " + ws + " 127.0.0.1",
            "protocol websockets",
            ""));
    ServerProcess process =
        ServerProcess.start(
            name(),
            List.of(
                ServerProcess.require("mosquitto", "mosquitto").toString(), "-c", conf.toString()),
            dir,
            Map.of());
    try {
      process.awaitPort(ws, Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    URI uri = URI.create("ws://127.0.0.1:" + ws + "/mqtt");
    return new Server() {
      @Override
      public ServerProcess process() {
        return process;
      }

      @Override
      public Client join(HttpClient http, int member, int group, Deliveries deliveries) {
        return MqttClient.connect(http, uri, "m" + member, member, "lab/" + group, deliveries);
      }

      @Override
      public void close() {
        process.close();
      }
    };
  }

  /** One MQTT 3.1.1 session over one WebSocket, subscribed to one topic. */
  static final class MqttClient implements Client, WebSocket.Listener {
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int SUBACK = 9;

    private final int member;
    private final Deliveries deliveries;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private byte[] pending = new byte[0];
    private WebSocket ws;

    private MqttClient(int member, Deliveries deliveries) {
      this.member = member;
      this.deliveries = deliveries;
    }

    static MqttClient connect(
        HttpClient http, URI uri, String clientId, int member, String topic, Deliveries sink) {
      MqttClient client = new MqttClient(member, sink);
      client.ws = WebSockets.open(http, uri, "mqtt", client);
      ByteArrayOutputStream connect = new ByteArrayOutputStream();
      string(connect, "MQTT");
      connect.write(4); // protocol level: 3.1.1
      connect.write(0x02); // clean session
      connect.write(0); // keep-alive 0: off
      connect.write(0);
      string(connect, clientId);
      client.send(packet(0x10, connect.toByteArray()));
      await(client.connected, "CONNACK");
      ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
      subscribe.write(0); // packet id 1
      subscribe.write(1);
      string(subscribe, topic);
      subscribe.write(0); // QoS 0
      client.send(packet(0x82, subscribe.toByteArray()));
      await(client.subscribed, "SUBACK");
      client.topic = topic.getBytes(StandardCharsets.UTF_8);
      return client;
    }

    private byte[] topic;

    @Override
    public void post(int group, String body) {
      byte[] payload = body.getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream publish = new ByteArrayOutputStream(topic.length + payload.length + 2);
      publish.write(topic.length >> 8);
      publish.write(topic.length & 0xff);
      publish.writeBytes(topic);
      publish.writeBytes(payload);
      send(packet(0x30, publish.toByteArray())); // PUBLISH, QoS 0, no retain
    }

    @Override
    public void close() {
      if (ws != null && !ws.isOutputClosed()) {
        try {
          send(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
        } catch (RuntimeException ignored) {
          // closing anyway
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
      }
    }

    private synchronized void send(byte[] packet) {
      ws.sendBinary(ByteBuffer.wrap(packet), true).join();
    }

    /**
     * MQTT over WebSocket is a byte stream: a message may hold several packets or part of one, so
     * bytes are gathered until whole packets can be read.
     */
    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      long arrived = System.nanoTime();
      byte[] bytes = new byte[pending.length + data.remaining()];
      System.arraycopy(pending, 0, bytes, 0, pending.length);
      data.get(bytes, pending.length, data.remaining());
      int at = 0;
      while (true) {
        int length = 0;
        int multiplier = 1;
        int i = at + 1;
        boolean complete = false;
        while (i < bytes.length) {
          int b = bytes[i++] & 0xff;
          length += (b & 0x7f) * multiplier;
          multiplier *= 128;
          if ((b & 0x80) == 0) {
            complete = true;
            break;
          }
        }
        if (!complete || i + length > bytes.length) {
          break;
        }
        handle(bytes[at] & 0xff, bytes, i, length, arrived);
        at = i + length;
      }
      pending =
          at == bytes.length ? new byte[0] : java.util.Arrays.copyOfRange(bytes, at, bytes.length);
      webSocket.request(1);
      return null;
    }

    private void handle(int header, byte[] bytes, int from, int length, long arrived) {
      switch (header >> 4) {
        case CONNACK -> {
          if (length >= 2 && bytes[from + 1] == 0) {
            connected.complete(null);
          } else {
            connected.completeExceptionally(
                new IllegalStateException("CONNACK refused: " + bytes[from + 1]));
          }
        }
        case SUBACK -> {
          if (length >= 3 && (bytes[from + 2] & 0x80) == 0) {
            subscribed.complete(null);
          } else {
            subscribed.completeExceptionally(new IllegalStateException("SUBSCRIBE refused"));
          }
        }
        case PUBLISH -> {
          int topicLength = ((bytes[from] & 0xff) << 8) | (bytes[from + 1] & 0xff);
          int payload = from + 2 + topicLength + (((header >> 1) & 3) > 0 ? 2 : 0);
          String body =
              new String(bytes, payload, from + length - payload, StandardCharsets.ISO_8859_1);
          deliveries.arrived(member, body, 0, arrived);
        }
        default -> {
          // PINGRESP and the like: nothing to do
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      connected.completeExceptionally(error);
      subscribed.completeExceptionally(error);
    }

    private static void string(ByteArrayOutputStream out, String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.write(bytes.length >> 8);
      out.write(bytes.length & 0xff);
      out.writeBytes(bytes);
    }

    /**
     * A packet: its first byte, the remaining length as MQTT's variable-length integer, the rest.
     */
    private static byte[] packet(int first, byte[] rest) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(rest.length + 5);
      out.write(first);
      int length = rest.length;
      do {
        int digit = length % 128;
        length /= 128;
        out.write(length > 0 ? digit | 0x80 : digit);
      } while (length > 0);
      out.writeBytes(rest);
      return out.toByteArray();
    }

    private static void await(CompletableFuture<Void> reply, String what) {
      try {
        reply.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("mosquitto: no " + what + ": " + e, e);
      }
    }
  }
}
