package dev.hoochat.adapters.redis;

import dev.hoochat.application.port.out.Pusher.GroupEvent;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What crosses Redis between nodes (docs/scale-out.md), as text: a message as the log stores it —
 * its salted sender tag, never a user — and the ids of the receiving node's connections it is for;
 * or a group event (unsent, hidden, presence: they name no member) and the connections it is for;
 * or a liveness ping. Nothing says which connection, if any, is the sender's: the receiving node
 * works {@code mine} out per connection from the tag (docs/anonymity.md). Every field but the
 * message's own values has the same length whoever sent it: the time is written at fixed width.
 */
public final class BackplaneFrames {
  static final String MAGIC = "hoochat-backplane 1";

  private BackplaneFrames() {}

  /** One decoded frame: a message or an event for some connections, or a ping. */
  public sealed interface Frame permits ForConnections, EventForConnections, Ping {}

  /** {@code message} for each of {@code to}, all held by the node that receives the frame. */
  public record ForConnections(Message message, List<ConnectionId> to) implements Frame {}

  /** {@code event} for each of {@code to}, all held by the node that receives the frame. */
  public record EventForConnections(GroupEvent event, List<ConnectionId> to) implements Frame {}

  /** A liveness ping, numbered by the node that sent it to itself. */
  public record Ping(long number) implements Frame {}

  public static String message(Message message, List<ConnectionId> to) {
    String ids = ids(to);
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
        // A pushed message is one just posted, so shown; a redacted one would cross bodiless.
        + message
            .body()
            .map(
                body ->
                    "\nbody="
                        + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(body.text().getBytes(StandardCharsets.UTF_8)))
            .orElse("\nstate=" + message.state().name().toLowerCase(Locale.ROOT))
        + "\ntag="
        + message.sender().value()
        + "\nto="
        + ids;
  }

  /** An event as the pusher was given it: no member is named in any of them. */
  public static String event(GroupEvent event, Collection<ConnectionId> to) {
    String fields;
    if (event instanceof GroupEvent.Unsent unsent) {
      fields = "unsent\nid=" + unsent.messageId().value() + "\nseq=" + unsent.seq().value();
    } else if (event instanceof GroupEvent.Hidden hidden) {
      fields = "hidden\nid=" + hidden.messageId().value() + "\nseq=" + hidden.seq().value();
    } else {
      GroupEvent.Presence presence = (GroupEvent.Presence) event;
      fields = "presence\nonline=" + presence.online() + "\nmembers=" + presence.members();
    }
    return MAGIC + "\nkind=" + fields + "\ngroup=" + event.groupId().value() + "\nto=" + ids(to);
  }

  private static String ids(Collection<ConnectionId> to) {
    StringBuilder ids = new StringBuilder();
    for (ConnectionId id : to) {
      ids.append(ids.length() == 0 ? "" : ",").append(id.value());
    }
    return ids.toString();
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
    List<ConnectionId> to = to(required(fields, "to"));
    switch (kind) {
      case "message" -> {}
      case "unsent" -> {
        return new EventForConnections(
            new GroupEvent.Unsent(
                new GroupId(required(fields, "group")),
                new MessageId(required(fields, "id")),
                new Seq(Long.parseLong(required(fields, "seq")))),
            to);
      }
      case "hidden" -> {
        return new EventForConnections(
            new GroupEvent.Hidden(
                new GroupId(required(fields, "group")),
                new MessageId(required(fields, "id")),
                new Seq(Long.parseLong(required(fields, "seq")))),
            to);
      }
      case "presence" -> {
        return new EventForConnections(
            new GroupEvent.Presence(
                new GroupId(required(fields, "group")),
                Integer.parseInt(required(fields, "online")),
                Integer.parseInt(required(fields, "members"))),
            to);
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    String[] at = required(fields, "at").split("\\.");
    MessageState state =
        fields.containsKey("state")
            ? MessageState.valueOf(required(fields, "state").toUpperCase(Locale.ROOT))
            : MessageState.SHOWN;
    Optional<MessageBody> body =
        state == MessageState.SHOWN
            ? Optional.of(
                MessageBody.stored(
                    new String(
                        Base64.getUrlDecoder().decode(required(fields, "body")),
                        StandardCharsets.UTF_8)))
            : Optional.empty();
    Message message =
        new Message(
            new MessageId(required(fields, "id")),
            new GroupId(required(fields, "group")),
            new Seq(Long.parseLong(required(fields, "seq"))),
            body,
            Instant.ofEpochSecond(Long.parseLong(at[0]), Long.parseLong(at[1])),
            new SenderTag(required(fields, "tag")),
            Optional.empty(),
            state);
    return new ForConnections(message, to);
  }

  private static List<ConnectionId> to(String ids) {
    List<ConnectionId> to = new ArrayList<>();
    if (!ids.isEmpty()) {
      for (String id : ids.split(",")) {
        to.add(new ConnectionId(id));
      }
    }
    return List.copyOf(to);
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return value;
  }
}
