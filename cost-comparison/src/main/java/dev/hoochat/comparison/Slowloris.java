package dev.hoochat.comparison;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow-body and slow-header attackers for {@code load --slow-bodies/--slow-heads}: each connection
 * sends the start of a request and then one byte per tick, never finishing, from one background
 * thread. A slow body sends the complete headers of {@code POST /v1/sessions} with {@code
 * Content-Length: 2000} and trickles the body; a slow head trickles its headers. A connection the
 * server cuts off is opened again on the next tick, as a real attacker would, so the count stays up
 * for the whole attack. Sources are spread over 127.0.0.x ({@code perAddress} each, from
 * 127.0.0.2), so that the server's per-address cap does not refuse most of them.
 */
final class Slowloris implements AutoCloseable {
  private static final byte[] BODY_HEAD =
      ("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADER_HEAD =
      "POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress server;
  private final List<Attacker> attackers = new ArrayList<>();
  private final Thread ticker;
  private final AtomicLong reopened = new AtomicLong();
  private final AtomicLong failedOpens = new AtomicLong();
  private volatile boolean running = true;

  private Slowloris(URI base, int bodies, int heads, int perAddress, Duration tick) {
    server = new InetSocketAddress(base.getHost(), base.getPort());
    for (int i = 0; i < bodies + heads; i++) {
      String from = "127.0.0." + (2 + i / perAddress);
      attackers.add(new Attacker(from, i < bodies ? BODY_HEAD : HEADER_HEAD));
    }
    for (Attacker a : attackers) {
      a.open();
    }
    ticker =
        new Thread(
            () -> {
              while (running) {
                for (Attacker a : attackers) {
                  a.tick();
                }
                try {
                  Thread.sleep(tick.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "slowloris");
    ticker.setDaemon(true);
    ticker.start();
  }

  static Slowloris start(URI base, int bodies, int heads, int perAddress, Duration tick) {
    return new Slowloris(base, bodies, heads, perAddress, tick);
  }

  /** Connections open now. */
  long open() {
    return attackers.stream().filter(Attacker::isOpen).count();
  }

  /** Connections the server cut off, opened again. */
  long reopened() {
    return reopened.get();
  }

  /** Connections the attacker could not open (or the server closed at once). */
  long failedOpens() {
    return failedOpens.get();
  }

  @Override
  public void close() {
    running = false;
    ticker.interrupt();
    try {
      ticker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    attackers.forEach(Attacker::shut);
  }

  private final class Attacker {
    private final String from;
    private final byte[] head;
    private volatile SocketChannel channel;

    Attacker(String from, byte[] head) {
      this.from = from;
      this.head = head;
    }

    boolean isOpen() {
      return channel != null;
    }

    void open() {
      try {
        SocketChannel c = SocketChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        c.connect(server);
        c.configureBlocking(false);
        ByteBuffer b = ByteBuffer.wrap(head);
        while (b.hasRemaining()) {
          c.write(b);
        }
        channel = c;
      } catch (IOException e) {
        failedOpens.incrementAndGet();
        channel = null;
      }
    }

    /** Notices a close (and opens again), or sends one more byte. */
    void tick() {
      SocketChannel c = channel;
      if (c == null) {
        open();
        return;
      }
      try {
        ByteBuffer in = ByteBuffer.allocate(1024);
        int n;
        do {
          in.clear();
          n = c.read(in);
        } while (n > 0);
        if (n < 0) {
          throw new IOException("closed by the server");
        }
        c.write(ByteBuffer.wrap(new byte[] {'a'}));
      } catch (IOException e) {
        shut();
        reopened.incrementAndGet();
        open();
      }
    }

    void shut() {
      SocketChannel c = channel;
      channel = null;
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          // gone anyway
        }
      }
    }
  }
}
