package dev.hoochat.domain.invite;

import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret of an invite: {@value #RANDOM_BYTES} random bytes (256 bits, well past the 128 the API
 * promises), base64url without padding — 43 URL-safe characters. Whoever holds it may join the
 * group while the invite lives, so it is never logged ({@link #toString()}) and the cache keeps
 * invites under a digest of it.
 */
public record InviteCode(String value) {
  public static final int RANDOM_BYTES = 32;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  public InviteCode {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("an invite code is 43 of A-Z a-z 0-9 _ -");
    }
  }

  /** A new code from {@value #RANDOM_BYTES} bytes of a strong random source. */
  public static InviteCode from(byte[] random) {
    if (random.length != RANDOM_BYTES) {
      throw new IllegalArgumentException("an invite code needs " + RANDOM_BYTES + " random bytes");
    }
    return new InviteCode(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /** Whether a string from outside could be a code at all (a malformed one names no invite). */
  public static boolean isWellFormed(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  @Override
  public String toString() {
    return "InviteCode[***]";
  }
}
