package dev.hoochat.archfixture.application.service;

import dev.hoochat.archfixture.application.port.in.GreetUseCase;
import dev.hoochat.archfixture.application.port.out.Greeter;
import dev.hoochat.archfixture.domain.Name;

/** Fixture: a well-named use-case implementation. */
public class GreetService implements GreetUseCase {
  private final Greeter greeter;

  public GreetService(Greeter greeter) {
    this.greeter = greeter;
  }

  @Override
  public String greet(Name name) {
    return greeter.hello() + name.value();
  }
}
