package dev.hoochat.comparison;

/**
 * The body of a measured post, the same for every system under test: {@code g=GROUP;n=N;t=NANOS},
 * its group, its number in that group (1, 2, 3, … as the driver sent them) and its scheduled send
 * time ({@link System#nanoTime()} of this process). A broker has no sequence number of its own, so
 * loss, duplicates and reordering are counted from {@code n} for every system alike.
 */
final class PostBody {
  private PostBody() {}

  static String of(int group, long n, long scheduledNanos) {
    return "g=" + group + ";n=" + n + ";t=" + scheduledNanos;
  }

  /**
   * Reads the body that starts at {@code from} in {@code text} (a frame, or a payload) and hands it
   * to the tracker as one delivery to {@code member}; a text without a body is ignored.
   */
  static void deliver(
      DeliveryTracker tracker, int member, CharSequence text, int from, long arrivalNanos) {
    if (from < 0 || from + 2 > text.length() || text.charAt(from) != 'g') {
      return;
    }
    int at = from + 2;
    long group = 0;
    for (; at < text.length() && isDigit(text.charAt(at)); at++) {
      group = group * 10 + (text.charAt(at) - '0');
    }
    at += 3; // ";n="
    long n = 0;
    for (; at < text.length() && isDigit(text.charAt(at)); at++) {
      n = n * 10 + (text.charAt(at) - '0');
    }
    at += 3; // ";t="
    boolean negative = at < text.length() && text.charAt(at) == '-';
    if (negative) {
      at++;
    }
    long t = 0;
    for (; at < text.length() && isDigit(text.charAt(at)); at++) {
      t = t * 10 + (text.charAt(at) - '0');
    }
    tracker.delivered(member, (int) group, n, negative ? -t : t, arrivalNanos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
