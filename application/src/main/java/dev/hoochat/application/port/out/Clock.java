package dev.hoochat.application.port.out;

import java.time.Instant;

/** Outbound port: the time, so that nothing inside the hexagon reads the wall clock. */
@FunctionalInterface
public interface Clock {
  Instant now();
}
