package dev.hoochat.domain.message;

import java.util.Objects;

/**
 * What a report of a message is stored as: the HMAC, under the {@link SenderKey}, of group, message
 * and reporter. The same for a member's repeated reports of one message (so they count once),
 * different for every other member and every other message, so that a dump without the key links a
 * report neither to its reporter nor to that reporter's other reports. Never shown to clients.
 */
public record ReportKey(String value) {
  public ReportKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty report key");
    }
  }

  @Override
  public String toString() {
    return "ReportKey[***]";
  }
}
