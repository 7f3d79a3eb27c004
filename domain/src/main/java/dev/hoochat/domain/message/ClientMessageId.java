package dev.hoochat.domain.message;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.util.regex.Pattern;

/** The sender's own name for a message, so that a retried post is stored once. */
public record ClientMessageId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public ClientMessageId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new RefusedException(
          Problem.INVALID_CLIENT_MESSAGE_ID, "a clientMessageId is 1-64 of A-Z a-z 0-9 _ -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
