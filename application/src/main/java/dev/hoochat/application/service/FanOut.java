package dev.hoochat.application.service;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.user.UserId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message (or one group event) to every open connection of every member: one batched
 * read of the members' connections (never one call per member), one push per connection, and the
 * connections that turned out to be gone are forgotten.
 */
public final class FanOut {
  private static final Logger log = LoggerFactory.getLogger(FanOut.class);

  private final ConnectionStore connections;
  private final Pusher pusher;

  public FanOut(ConnectionStore connections, Pusher pusher) {
    this.connections = connections;
    this.pusher = pusher;
  }

  /** Every member's open connections, in one batched read; members without any are left out. */
  public Map<UserId, Set<ConnectionId>> openConnectionsOf(Group group) {
    Map<UserId, Set<ConnectionId>> open = new LinkedHashMap<>();
    connections
        .connectionsOf(group.memberIds())
        .forEach(
            (member, ids) -> {
              if (!ids.isEmpty() && group.hasMember(member)) {
                open.put(member, ids);
              }
            });
    return open;
  }

  /** Pushes {@code event} to every open connection of the group's members, the same to each. */
  public void announce(Group group, Pusher.GroupEvent event) {
    announce(group, event, openConnectionsOf(group));
  }

  /** As {@link #announce(Group, Pusher.GroupEvent)}, to connections the caller read already. */
  public void announce(
      Group group, Pusher.GroupEvent event, Map<UserId, Set<ConnectionId>> openConnections) {
    List<ConnectionId> to = new ArrayList<>();
    openConnections.values().forEach(to::addAll);
    if (to.isEmpty()) {
      return;
    }
    forget(group, pusher.pushEvent(event, to));
  }

  /** Pushes {@code message} to the group's members; {@code sender}'s own see {@code mine}. */
  public void deliver(Group group, Message message, UserId sender) {
    Map<UserId, Set<ConnectionId>> open = connections.connectionsOf(group.memberIds());
    List<Pusher.Delivery> deliveries = new ArrayList<>();
    open.forEach(
        (member, ids) -> {
          boolean mine = member.equals(sender);
          for (ConnectionId id : ids) {
            deliveries.add(new Pusher.Delivery(id, group.id(), message, mine));
          }
        });
    if (deliveries.isEmpty()) {
      return;
    }
    forget(group, pusher.push(deliveries));
  }

  private void forget(Group group, Set<ConnectionId> gone) {
    for (ConnectionId id : gone) {
      connections.unregister(id);
    }
    if (!gone.isEmpty()) {
      log.info("event=connections_gone group={} count={}", group.id(), gone.size());
    }
  }
}
