package dev.hoochat.archfixture.adapters.redis.boot;

import dev.hoochat.archfixture.adapters.memory.MemoryGreeter;
import dev.hoochat.archfixture.adapters.redis.RedisGreeterAdapter;
import dev.hoochat.archfixture.application.port.out.Greeter;
import dev.hoochat.archfixture.application.service.GreetService;

/** Fixture: a composition root, which alone may name every adapter. */
public final class Wiring {
  private Wiring() {}

  public static GreetService wire(boolean inMemory) {
    Greeter greeter = inMemory ? new MemoryGreeter() : new RedisGreeterAdapter();
    return new GreetService(greeter);
  }
}
