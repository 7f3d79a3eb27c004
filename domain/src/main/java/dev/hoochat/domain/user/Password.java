package dev.hoochat.domain.user;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;

/** A password as typed, 8-128 characters; it never prints itself. */
public record Password(String value) {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  public Password {
    int length = value == null ? 0 : value.codePointCount(0, value.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new RefusedException(Problem.INVALID_PASSWORD, "a password is 8-128 characters");
    }
  }

  @Override
  public String toString() {
    return "Password[***]";
  }
}
