package dev.hoochat.comparison;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn in place at most ten times a second, so the
 * table on standard output stays clean when piped.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final long total;
  private long done;
  private String label = "";
  private long lastDraw;

  ProgressBar(PrintWriter err, long total) {
    this.err = err;
    this.total = Math.max(1, total);
  }

  synchronized void label(String value) {
    label = value;
    draw(true);
  }

  synchronized void advance(long steps) {
    done = Math.min(total, done + steps);
    draw(false);
  }

  synchronized void finish() {
    done = total;
    draw(true);
    err.print("\n");
    err.flush();
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * done / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    String line = String.format(Locale.ROOT, "\r[%s] %3d%% %s", bar, 100 * done / total, label);
    err.print(
        line.length() > 100 ? line.substring(0, 100) : line + " ".repeat(100 - line.length()));
    err.flush();
  }
}
