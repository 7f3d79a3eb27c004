package dev.hoochat.domain.group;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.Text;

/**
 * What members call their group: not blank, at most 64 characters, trimmed, on one line, and only
 * characters {@link Text} allows (no control, no line break, no bidirectional formatting
 * character).
 */
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
    Text.require(value, Text.Layout.ONE_LINE, Problem.INVALID_NAME, "a group name");
  }

  /**
   * Reads a name as typed: surrounding white space (spaces, tabs, newlines) is not part of it. The
   * typed text is checked first, as a body would be, so that a control character such as NUL or
   * U+001F, which {@link String#strip} would otherwise drop silently from the ends, is refused
   * wherever it is.
   */
  public static GroupName of(String typed) {
    if (typed != null) {
      Text.require(typed, Text.Layout.LINES, Problem.INVALID_NAME, "a group name");
    }
    return new GroupName(typed == null ? null : typed.strip());
  }

  /**
   * A name read back from a store or cache. Names stored before {@link Text}'s rule may hold
   * characters it refuses; each is read as U+FFFD, so that the group still loads.
   */
  public static GroupName stored(String value) {
    return new GroupName(value == null ? null : Text.neutralised(value, Text.Layout.ONE_LINE));
  }

  @Override
  public String toString() {
    return value;
  }
}
