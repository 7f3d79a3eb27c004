package dev.hoochat.adapters.redis;

import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What crosses Redis between nodes (docs/scale-out.md), as text: a message as the log stores it —
 * its salted sender tag, never a user — and the ids of the receiving node's connections it is for;
 * or a liveness ping. Nothing says which connection, if any, is the sender's: the receiving node
 * works {@code mine} out per connection from the tag (docs/anonymity.md). Every field but the
 * message's own values has the same length whoever sent it: the time is written at fixed width.
 */
public final class BackplaneFrames {
  static final String MAGIC = "hoochat-backplane 1";

  private BackplaneFrames() {}

  /** One decoded frame: a message for some connections, or a ping. */
  public sealed interface Frame permits ForConnections, Ping {}

  /** {@code message} for each of {@code to}, all held by the node that receives the frame. */
  public record ForConnections(Message message, List<ConnectionId> to) implements Frame {}

  /** A liveness ping, numbered by the node that sent it to itself. */
  public record Ping(long number) implements Frame {}

  public static String message(Message message, List<ConnectionId> to) {
    StringBuilder ids = new StringBuilder();
    for (ConnectionId id : to) {
      ids.append(ids.length() == 0 ? "" : ",").append(id.value());
    }
    Instant at = message.sentAt();
    return MAGIC
        + "\nkind=message\ngroup="
        + message.groupId().value()
        + "\nid="
        + message.id().value()
        + "\nseq="
        + message.seq().value()
        + "\nat="
        + String.format("%012d.%09d", at.getEpochSecond(), at.getNano())
        + "\nbody="
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(message.body().text().getBytes(StandardCharsets.UTF_8))
        + "\ntag="
        + message.sender().value()
        + "\nto="
        + ids;
  }

  public static String ping(long number) {
    return MAGIC + "\nkind=ping\nping=" + number;
  }

  /**
   * Reads a frame.
   *
   * @throws IllegalArgumentException when it is not one of ours
   */
  public static Frame parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 2 || !MAGIC.equals(lines[0])) {
      throw new IllegalArgumentException("not a HooChat backplane frame");
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("a field without '='");
      }
      fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
    }
    String kind = required(fields, "kind");
    if (kind.equals("ping")) {
      return new Ping(Long.parseLong(required(fields, "ping")));
    }
    if (!kind.equals("message")) {
      throw new IllegalArgumentException("unknown kind " + kind);
    }
    String[] at = required(fields, "at").split("\\.");
    Message message =
        new Message(
            new MessageId(required(fields, "id")),
            new GroupId(required(fields, "group")),
            new Seq(Long.parseLong(required(fields, "seq"))),
            MessageBody.stored(
                new String(
                    Base64.getUrlDecoder().decode(required(fields, "body")),
                    StandardCharsets.UTF_8)),
            Instant.ofEpochSecond(Long.parseLong(at[0]), Long.parseLong(at[1])),
            new SenderTag(required(fields, "tag")),
            Optional.empty());
    List<ConnectionId> to = new ArrayList<>();
    String ids = required(fields, "to");
    if (!ids.isEmpty()) {
      for (String id : ids.split(",")) {
        to.add(new ConnectionId(id));
      }
    }
    return new ForConnections(message, List.copyOf(to));
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return value;
  }
}
