package dev.hoochat.archfixture.adapters.redis.boot;

import dev.hoochat.archfixture.adapters.memory.MemoryGreeter;
import dev.hoochat.archfixture.adapters.redis.RedisGreeterAdapter;
import dev.hoochat.archfixture.application.port.out.Greeter;
import dev.hoochat.archfixture.application.service.GreetService;

/** Planted: a composition root that switches over adapters itself instead of using the wiring. */
public final class SwitchingRoot {
  private SwitchingRoot() {}

  public static GreetService wire(boolean inMemory) {
    Greeter greeter = inMemory ? new MemoryGreeter() : new RedisGreeterAdapter();
    return new GreetService(greeter);
  }
}
