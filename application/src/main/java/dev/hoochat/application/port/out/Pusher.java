package dev.hoochat.application.port.out;

import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Outbound port: delivers messages to open WebSocket connections. An implementation may send the
 * pushes of one call concurrently, but to any one connection it delivers in call order, so that a
 * group's messages arrive in seq order.
 */
public interface Pusher {

  /** Pushes each delivery; answers the connections that are gone (closed for good). */
  Set<ConnectionId> push(List<Delivery> deliveries);

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
}
