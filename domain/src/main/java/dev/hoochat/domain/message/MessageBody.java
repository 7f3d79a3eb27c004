package dev.hoochat.domain.message;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.Text;

/**
 * What a message says: not blank, at most 2000 characters, and only characters {@link Text} allows
 * in text that spans lines (tab and newline, no other control and no bidirectional formatting
 * character).
 */
public record MessageBody(String text) {
  public static final int MAX_LENGTH = 2000;

  public MessageBody {
    if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX_LENGTH) {
      throw new RefusedException(
          Problem.INVALID_BODY, "a message body is 1-" + MAX_LENGTH + " characters, not blank");
    }
    Text.require(text, Text.Layout.LINES, Problem.INVALID_BODY, "a message body");
  }

  /**
   * A body read back from a store or cache. Bodies stored before {@link Text}'s rule may hold
   * characters it refuses; each is read as U+FFFD, so that the group's history still reads.
   */
  public static MessageBody stored(String text) {
    return new MessageBody(text == null ? null : Text.neutralised(text, Text.Layout.LINES));
  }

  @Override
  public String toString() {
    return "MessageBody[" + text.length() + " chars]";
  }
}
