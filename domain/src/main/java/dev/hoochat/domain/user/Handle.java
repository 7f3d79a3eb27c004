package dev.hoochat.domain.user;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.Text;
import java.util.Locale;

/** A user's public name: 3-32 of {@code a-z 0-9 _ . -}, always stored lower-case. */
public record Handle(String value) {
  public Handle {
    if (value != null) {
      // Refused by the pattern anyway; checked first so that the detail names the class.
      Text.require(value, Text.Layout.ONE_LINE, Problem.INVALID_HANDLE, "a handle");
    }
    if (value == null || !wellFormed(value)) {
      throw new RefusedException(
          Problem.INVALID_HANDLE, "a handle is 3-32 of a-z 0-9 _ . - (stored lower-case)");
    }
  }

  /** 3-32 of {@code a-z 0-9 _ . -}: a loop, as a cached group's fifty handles are read again. */
  private static boolean wellFormed(String value) {
    if (value.length() < 3 || value.length() > 32) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
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
