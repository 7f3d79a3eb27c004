package dev.hoochat.application.fakes;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.PortMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Test fake: remembers every count, so a test can read what a request cost. */
public final class RecordingMetrics implements PortMetrics {
  /** One counted call. */
  public record Call(
      Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public void count(Layer layer, String port, String op, PortOperation.Kind kind, Outcome outcome) {
    calls.add(new Call(layer, port, op, kind, outcome));
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public long count(Predicate<Call> which) {
    return calls.stream().filter(which).count();
  }

  public long count(Layer layer, PortOperation.Kind kind) {
    return count(c -> c.layer() == layer && c.kind() == kind);
  }

  public void reset() {
    calls.clear();
  }
}
