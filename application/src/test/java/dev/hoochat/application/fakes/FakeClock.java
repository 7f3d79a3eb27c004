package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Test fake: a clock that stands still until the test moves it. */
public final class FakeClock implements Clock {
  private final AtomicReference<Instant> now;

  public FakeClock() {
    this(Instant.parse("2026-11-27T12:00:00Z"));
  }

  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  public void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }
}
