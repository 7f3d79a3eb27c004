package dev.hoochat.adapters.system;

import dev.hoochat.application.port.out.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Outbound adapter: the wall clock, to the millisecond — the precision the API shows and the stores
 * keep, so that a time read back equals the time written.
 */
public final class SystemClockAdapter implements Clock {
  @Override
  public Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
