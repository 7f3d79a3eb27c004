package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
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
