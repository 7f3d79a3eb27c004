package dev.hoochat.domain;

/** The rule every opaque identifier follows: short, printable, URL-safe. */
public final class OpaqueId {
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
    if (value == null || value.isEmpty() || value.length() > 128) {
      return false;
    }
    // A loop rather than a regular expression: every id of a cached group and of its members'
    // connections is checked again on the way in, fifty and more per message.
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
