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
      for (int i = 0; i < deliveries.size(); i++) {
        metrics.count(Layer.PUSH, "pusher", "push", PortOperation.Kind.WRITE, Outcome.ERROR);
      }
      throw e;
    }
    for (Delivery d : deliveries) {
      Outcome outcome = gone.contains(d.to()) ? Outcome.GONE : Outcome.OK;
      metrics.count(Layer.PUSH, "pusher", "push", PortOperation.Kind.WRITE, outcome);
    }
    return gone;
  }

  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    Set<ConnectionId> gone;
    try {
      gone = pusher.pushEvent(event, to);
    } catch (RuntimeException e) {
      for (int i = 0; i < to.size(); i++) {
        metrics.count(Layer.PUSH, "pusher", "push", PortOperation.Kind.WRITE, Outcome.ERROR);
      }
      throw e;
    }
    for (ConnectionId c : to) {
      Outcome outcome = gone.contains(c) ? Outcome.GONE : Outcome.OK;
      metrics.count(Layer.PUSH, "pusher", "push", PortOperation.Kind.WRITE, outcome);
    }
    return gone;
  }
}
