package dev.hoochat.domain.message;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;

/** What a message says: not blank, at most 2000 characters. */
public record MessageBody(String text) {
  public static final int MAX_LENGTH = 2000;

  public MessageBody {
    if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX_LENGTH) {
      throw new RefusedException(
          Problem.INVALID_BODY, "a message body is 1-" + MAX_LENGTH + " characters, not blank");
    }
  }

  @Override
  public String toString() {
    return "MessageBody[" + text.length() + " chars]";
  }
}
