package dev.hoochat.comparison.jmh;

import dev.hoochat.domain.message.MessageWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The 100-message window: appending to a full one (the oldest falls out) and reading after. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageWindowBenchmark {
  private MessageWindow full;
  private dev.hoochat.domain.message.Message next;

  @Setup
  public void setUp() {
    MessageWindow w = MessageWindow.empty();
    for (long seq = 1; seq <= MessageWindow.CAPACITY; seq++) {
      w = w.append(Fixtures.message(seq));
    }
    full = w;
    next = Fixtures.message(MessageWindow.CAPACITY + 1);
  }

  @Benchmark
  public MessageWindow appendToAFullWindow() {
    return full.append(next);
  }

  @Benchmark
  public MessageWindow.Slice readTheLast20() {
    return full.after(MessageWindow.CAPACITY - 20);
  }
}
