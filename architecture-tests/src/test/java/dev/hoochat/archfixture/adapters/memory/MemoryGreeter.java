package dev.hoochat.archfixture.adapters.memory;

import dev.hoochat.archfixture.adapters.redis.RedisGreeterAdapter;
import dev.hoochat.archfixture.application.port.out.Greeter;

/** Fixture: an outbound adapter not named *Adapter, which uses another adapter. */
public class MemoryGreeter implements Greeter {
  @Override
  public String hello() {
    return new RedisGreeterAdapter().hello();
  }
}
