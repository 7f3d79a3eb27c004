package dev.hoochat.application.port.in;

/** Inbound port: who a bearer token stands for. Used by both runtimes' authorizers. */
public interface AuthenticateUseCase {

  /** Refuses with {@code unauthenticated} a missing, malformed, tampered or expired token. */
  Principal authenticate(String token);
}
