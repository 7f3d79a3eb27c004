package dev.hoochat.application.port.out;

import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.Seq;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Outbound port: delivers messages and group events to open WebSocket connections. An
 * implementation may send the pushes of one call concurrently, but to any one connection it
 * delivers in call order, so that a group's messages and events arrive in the order they happened.
 */
public interface Pusher {

  /** Pushes each delivery; answers the connections that are gone (closed for good). */
  Set<ConnectionId> push(List<Delivery> deliveries);

  /**
   * Pushes one event, the same frame to every connection in {@code to} (an event varies with no
   * reader, so it is rendered once); answers the connections that are gone.
   */
  Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to);

  /**
   * One message for one connection. {@code mine} is true only on the sender's own connections; the
   * delivery never names the sender.
   */
  record Delivery(ConnectionId to, GroupId groupId, Message message, boolean mine) {
    public Delivery {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Something that happened in a group, told to every connected member alike; names no member. */
  sealed interface GroupEvent {
    GroupId groupId();

    /** Its author took the message back; its body is gone. */
    record Unsent(GroupId groupId, MessageId messageId, Seq seq) implements GroupEvent {
      public Unsent {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(seq, "seq");
      }
    }

    /** Enough members reported the message; its body is gone. */
    record Hidden(GroupId groupId, MessageId messageId, Seq seq) implements GroupEvent {
      public Hidden {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(seq, "seq");
      }
    }

    /** How many of the group's members are online now. */
    record Presence(GroupId groupId, int online, int members) implements GroupEvent {
      public Presence {
        Objects.requireNonNull(groupId, "groupId");
      }
    }
  }
}
