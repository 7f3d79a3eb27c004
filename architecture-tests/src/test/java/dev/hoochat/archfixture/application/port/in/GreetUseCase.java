package dev.hoochat.archfixture.application.port.in;

import dev.hoochat.archfixture.domain.Name;

/** Fixture: a well-named inbound port. */
public interface GreetUseCase {
  String greet(Name name);
}
