package dev.hoochat.adapters.javalin.jetty;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One log line per kind of refusal and interval: the first refusal of a burst is logged at once,
 * the ones that follow are counted and reported with the next line, so that an attack cannot flood
 * the log. Lines are {@code event=… key=value} and name client addresses, never users.
 */
public final class RefusalLog {
  private final Logger log;
  private final String event;
  private final long intervalNanos;
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong lastLogged;

  public RefusalLog(Logger log, String event, long intervalMillis) {
    this.log = log;
    this.event = event;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.lastLogged = new AtomicLong(System.nanoTime() - intervalNanos - 1);
  }

  /** {@code details} is {@code key=value …}, already safe to log. */
  public void record(String details) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= intervalNanos && lastLogged.compareAndSet(last, now)) {
      log.warn("event={} {} refused_since_last_line={}", event, details, suppressed.getAndSet(0));
    } else {
      suppressed.incrementAndGet();
    }
  }

  /** A client-supplied value made safe for one log field: printable ASCII, quoted, bounded. */
  public static String quoted(String value) {
    if (value == null) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
    }
    return out.append(value.length() > 100 ? "…\"" : "\"").toString();
  }
}
