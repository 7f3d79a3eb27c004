package dev.hoochat.archfixture.application.port.out;

import dev.hoochat.archfixture.application.port.in.GreetUseCase;

/** Fixture: an outbound port that leans on an inbound one. */
public interface Echo {
  void echo(GreetUseCase useCase);
}
