package dev.hoochat.archfixture.application.port.out;

/** Fixture: an outbound port. */
public interface Greeter {
  String hello();
}
