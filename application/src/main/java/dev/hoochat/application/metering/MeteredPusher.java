package dev.hoochat.application.metering;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.PortMetrics.Layer;
import dev.hoochat.application.port.out.PortMetrics.Outcome;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Counts each push: one per connection, {@code ok} or {@code gone}. */
public final class MeteredPusher implements Pusher {
  private final Pusher pusher;
  private final PortMetrics metrics;

  public MeteredPusher(Pusher pusher, PortMetrics metrics) {
    this.pusher = pusher;
    this.metrics = metrics;
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    Set<ConnectionId> gone;
    try {
      gone = pusher.push(deliveries);
    } catch (RuntimeException e) {
      counted(deliveries.size(), Outcome.ERROR);
      throw e;
    }
    int ended = 0;
    for (Delivery d : deliveries) {
      if (gone.contains(d.to())) {
        ended++;
      }
    }
    counted(ended, Outcome.GONE);
    counted(deliveries.size() - ended, Outcome.OK);
    return gone;
  }

  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    Set<ConnectionId> gone;
    try {
      gone = pusher.pushEvent(event, to);
    } catch (RuntimeException e) {
      counted(to.size(), Outcome.ERROR);
      throw e;
    }
    int ended = 0;
    for (ConnectionId c : to) {
      if (gone.contains(c)) {
        ended++;
      }
    }
    counted(ended, Outcome.GONE);
    counted(to.size() - ended, Outcome.OK);
    return gone;
  }

  /** One count per connection, added at once: a message to 50 sockets is 50 pushes. */
  private void counted(int pushes, Outcome outcome) {
    if (pushes > 0) {
      metrics.count(Layer.PUSH, "pusher", "push", PortOperation.Kind.WRITE, outcome, pushes);
    }
  }
}
