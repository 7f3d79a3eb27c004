package dev.hoochat.application.port.in;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a request came from, as the inbound adapter saw it: the TCP peer on the standalone server,
 * API Gateway's {@code sourceIp} on Lambda — never a header the client wrote. Sign-in throttling
 * counts failures per address; nothing else reads it.
 *
 * <p>{@link #throttleKey()} groups an IPv6 address by its /64 prefix: one subscriber usually holds
 * a whole /64, and counting each of its 2^64 addresses apart would let one attacker start afresh at
 * will.
 */
public record ClientAddress(String value) {
  private static final int MAX_LENGTH = 64;

  /** An adapter that cannot tell (all such requests share one address's limits). */
  public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

  public ClientAddress {
    Objects.requireNonNull(value, "value");
  }

  /** The address as given, or {@link #UNKNOWN} when it is missing, blank or absurdly long. */
  public static ClientAddress of(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    String value = raw.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return UNKNOWN;
    }
    return new ClientAddress(value.toLowerCase(Locale.ROOT));
  }

  /** The address for counting: IPv4 as is, IPv6 by its /64 prefix. */
  public String throttleKey() {
    if (value.indexOf(':') < 0) {
      return value;
    }
    String address = value;
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    String[] hextets = expand(address);
    if (hextets == null) {
      return value;
    }
    return String.join(":", hextets[0], hextets[1], hextets[2], hextets[3]) + "::/64";
  }

  /** The eight hextets of an IPv6 address (without leading zeros), or null if it is not one. */
  private static String[] expand(String address) {
    int gap = address.indexOf("::");
    if (gap != address.lastIndexOf("::")) {
      return null;
    }
    String[] head;
    String[] tail;
    if (gap >= 0) {
      String left = address.substring(0, gap);
      String right = address.substring(gap + 2);
      head = left.isEmpty() ? new String[0] : left.split(":", -1);
      tail = right.isEmpty() ? new String[0] : right.split(":", -1);
    } else {
      head = address.split(":", -1);
      tail = new String[0];
    }
    if (tail.length > 0 && tail[tail.length - 1].indexOf('.') >= 0) {
      // an embedded IPv4 tail (::ffff:1.2.3.4) stands for two hextets; only the prefix matters
      String[] widened = new String[tail.length + 1];
      System.arraycopy(tail, 0, widened, 0, tail.length - 1);
      widened[tail.length - 1] = "0";
      widened[tail.length] = "0";
      tail = widened;
    }
    int missing = 8 - head.length - tail.length;
    if ((gap >= 0 && missing < 1) || (gap < 0 && missing != 0)) {
      return null;
    }
    String[] all = new String[8];
    int i = 0;
    for (String h : head) {
      all[i++] = h;
    }
    for (int m = 0; m < missing; m++) {
      all[i++] = "0";
    }
    for (String t : tail) {
      all[i++] = t;
    }
    for (int j = 0; j < 8; j++) {
      if (all[j].isEmpty() || all[j].length() > 4 || !all[j].matches("[0-9a-f]+")) {
        return null;
      }
      all[j] = Integer.toHexString(Integer.parseInt(all[j], 16));
    }
    return all;
  }

  @Override
  public String toString() {
    return value;
  }
}
