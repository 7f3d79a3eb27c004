package dev.hoochat.archfixture.adapters.redis.boot;

import dev.hoochat.archfixture.application.service.GreetService;
import dev.hoochat.archfixture.wiring.GreeterBackends;

/** Fixture: a composition root as it should be, which opens its backends through the wiring. */
public final class GoodRoot {
  private GoodRoot() {}

  public static GreetService wire(boolean inMemory) {
    return GreeterBackends.open(inMemory);
  }
}
