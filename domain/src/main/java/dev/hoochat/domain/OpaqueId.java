package dev.hoochat.domain;

import java.util.regex.Pattern;

/** The rule every opaque identifier follows: short, printable, URL-safe. */
public final class OpaqueId {
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private OpaqueId() {}

  /**
   * Answers the value, or rejects one that is not 1-128 of {@code A-Z a-z 0-9 _ -}. Ids from
   * outside are checked with {@link #isWellFormed} first, so that each inbound adapter can answer
   * with the right "not found".
   */
  public static String require(String value, String what) {
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException(what + " must be 1-128 of A-Z a-z 0-9 _ -");
    }
    return value;
  }

  /** Whether a string from outside could be an id at all (a malformed one names nothing). */
  public static boolean isWellFormed(String value) {
    return value != null && OPAQUE.matcher(value).matches();
  }
}
