package dev.hoochat.domain.group;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;

/** What members call their group: not blank, at most 64 characters, trimmed. */
public record GroupName(String value) {
  public static final int MAX_LENGTH = 64;

  public GroupName {
    if (value == null
        || value.isBlank()
        || value.codePointCount(0, value.length()) > MAX_LENGTH
        || !value.equals(value.strip())) {
      throw new RefusedException(
          Problem.INVALID_NAME, "a group name is 1-64 characters, not blank");
    }
  }

  /** Reads a name as typed: surrounding white space is not part of it. */
  public static GroupName of(String typed) {
    return new GroupName(typed == null ? null : typed.strip());
  }

  @Override
  public String toString() {
    return value;
  }
}
