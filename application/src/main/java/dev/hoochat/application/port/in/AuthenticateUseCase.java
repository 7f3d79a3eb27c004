package dev.hoochat.application.port.in;

import dev.hoochat.domain.group.GroupId;
import java.util.Optional;
import java.util.function.Function;

/** Inbound port: who a bearer token stands for. Used by both runtimes' authorizers. */
public interface AuthenticateUseCase {

  /** Refuses with {@code unauthenticated} a missing, malformed, tampered or expired token. */
  Principal authenticate(String token);

  /**
   * Authenticates {@code token} as {@link #authenticate} does and answers {@code body} with its
   * caller. A request about one group ({@code about}) reads that group first; with a cache, the
   * token's principal and the group are read in one round trip, so that a REST post costs two cache
   * reads (with the members' connections), as a WebSocket post does. A refusal comes before {@code
   * body} runs.
   */
  <T> T asCaller(String token, Optional<GroupId> about, Function<Principal, T> body);
}
