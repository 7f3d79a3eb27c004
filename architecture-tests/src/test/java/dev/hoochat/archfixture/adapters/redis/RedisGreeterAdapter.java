package dev.hoochat.archfixture.adapters.redis;

import dev.hoochat.archfixture.application.port.out.Greeter;

/** Fixture: a well-named outbound adapter. */
public class RedisGreeterAdapter implements Greeter {
  @Override
  public String hello() {
    return "hello ";
  }
}
