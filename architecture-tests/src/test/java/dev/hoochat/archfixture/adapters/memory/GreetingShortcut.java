package dev.hoochat.archfixture.adapters.memory;

import dev.hoochat.archfixture.application.service.GreetService;
import dev.hoochat.archfixture.domain.Name;

/** Fixture: an inbound adapter handed the concrete service instead of its use case. */
public class GreetingShortcut {
  private final GreetService service;

  public GreetingShortcut(GreetService service) {
    this.service = service;
  }

  public String answer(String name) {
    return service.greet(new Name(name));
  }
}
