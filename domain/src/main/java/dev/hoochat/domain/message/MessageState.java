package dev.hoochat.domain.message;

/**
 * Whether a retained message still shows its body. An unsent or hidden message keeps its place
 * ({@code seq}, id, time) in the window, but its body is gone from every store and cache; both
 * states are final.
 */
public enum MessageState {
  /** The body is shown to every member. */
  SHOWN,
  /** Its author took it back. */
  UNSENT,
  /** Enough members reported it. */
  HIDDEN;

  /** The code stores keep (never reordered: stored values depend on it). */
  public int code() {
    return ordinal();
  }

  public static MessageState ofCode(int code) {
    MessageState[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("no message state " + code);
    }
    return all[code];
  }
}
