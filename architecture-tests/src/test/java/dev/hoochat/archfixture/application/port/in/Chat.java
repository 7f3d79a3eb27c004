package dev.hoochat.archfixture.application.port.in;

/** Fixture: the facade that hands out the use cases, the one inbound port not named UseCase. */
public interface Chat {
  GreetUseCase greet();
}
