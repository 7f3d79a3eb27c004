package dev.hoochat.archfixture.wiring;

import dev.hoochat.archfixture.adapters.memory.MemoryGreeter;
import dev.hoochat.archfixture.adapters.redis.RedisGreeterAdapter;
import dev.hoochat.archfixture.application.port.out.Greeter;
import dev.hoochat.archfixture.application.service.GreetService;

/** Fixture: the wiring, which alone may name every outbound adapter. */
public final class GreeterBackends {
  private GreeterBackends() {}

  public static GreetService open(boolean inMemory) {
    Greeter greeter = inMemory ? new MemoryGreeter() : new RedisGreeterAdapter();
    return new GreetService(greeter);
  }
}
