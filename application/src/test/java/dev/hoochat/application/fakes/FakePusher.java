package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fake: records what was pushed; connections the test closed answer as gone. */
public final class FakePusher implements Pusher {
  private final List<List<Delivery>> calls = new CopyOnWriteArrayList<>();
  private final Set<ConnectionId> closed = ConcurrentHashMap.newKeySet();
  private volatile Runnable onPush = () -> {};

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    onPush.run();
    calls.add(List.copyOf(deliveries));
    Set<ConnectionId> gone = new HashSet<>();
    for (Delivery d : deliveries) {
      if (closed.contains(d.to())) {
        gone.add(d.to());
      }
    }
    return gone;
  }

  private final List<Sent> events = new CopyOnWriteArrayList<>();

  /** An event and the connections it was pushed to. */
  public record Sent(GroupEvent event, List<ConnectionId> to) {}

  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    onPush.run();
    events.add(new Sent(event, List.copyOf(to)));
    Set<ConnectionId> gone = new HashSet<>();
    for (ConnectionId c : to) {
      if (closed.contains(c)) {
        gone.add(c);
      }
    }
    return gone;
  }

  public List<Sent> events() {
    return List.copyOf(events);
  }

  /** The events that reached {@code connection}, in push order. */
  public List<GroupEvent> eventsReceivedBy(ConnectionId connection) {
    return events.stream()
        .filter(e -> e.to().contains(connection) && !closed.contains(connection))
        .map(Sent::event)
        .toList();
  }

  /** Runs {@code observer} at the start of every push, to see what else holds at that moment. */
  public void onPush(Runnable observer) {
    this.onPush = observer;
  }

  /** The client went away without saying so: pushes to it will answer gone. */
  public void closeSilently(ConnectionId connection) {
    closed.add(connection);
  }

  public List<List<Delivery>> calls() {
    return List.copyOf(calls);
  }

  /** Every delivery that reached {@code connection}, in push order (closed ones excluded). */
  public List<Delivery> receivedBy(ConnectionId connection) {
    return calls.stream()
        .flatMap(List::stream)
        .filter(d -> d.to().equals(connection) && !closed.contains(d.to()))
        .toList();
  }

  /** Every delivery attempted to {@code connection}, gone or not. */
  public List<Delivery> attemptedTo(ConnectionId connection) {
    return calls.stream().flatMap(List::stream).filter(d -> d.to().equals(connection)).toList();
  }
}
