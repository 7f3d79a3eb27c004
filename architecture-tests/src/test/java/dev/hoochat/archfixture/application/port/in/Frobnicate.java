package dev.hoochat.archfixture.application.port.in;

import dev.hoochat.archfixture.application.port.out.Greeter;

/** Fixture: an inbound port not named *UseCase, and leaning on an outbound port. */
public interface Frobnicate {
  void frobnicate(Greeter greeter);
}
