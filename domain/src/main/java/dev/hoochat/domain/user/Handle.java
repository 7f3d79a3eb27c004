package dev.hoochat.domain.user;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.Text;
import java.util.Locale;
import java.util.regex.Pattern;

/** A user's public name: 3-32 of {@code a-z 0-9 _ . -}, always stored lower-case. */
public record Handle(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.-]{3,32}");

  public Handle {
    if (value != null) {
      // Refused by the pattern anyway; checked first so that the detail names the class.
      Text.require(value, Text.Layout.ONE_LINE, Problem.INVALID_HANDLE, "a handle");
    }
    if (value == null || !VALID.matcher(value).matches()) {
      throw new RefusedException(
          Problem.INVALID_HANDLE, "a handle is 3-32 of a-z 0-9 _ . - (stored lower-case)");
    }
  }

  /** Reads a handle as a person typed it: {@code Alice} and {@code alice} are one handle. */
  public static Handle of(String typed) {
    return new Handle(typed == null ? null : typed.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
