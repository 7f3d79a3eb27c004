package dev.hoochat.archfixture.adapters.memory;

import dev.hoochat.archfixture.application.service.GreetService;
import dev.hoochat.archfixture.wiring.GreeterBackends;

/** Planted: an adapter that is not a composition root reaching for the wiring. */
public class WiringPeek {
  public GreetService peek() {
    return GreeterBackends.open(true);
  }
}
