package dev.hoochat.api.rest;

import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.Principal;
import java.util.function.Function;

/**
 * What an {@link Endpoint} reads of a request, whatever carried it: each binding (Javalin, API
 * Gateway) implements it over its own request object. Every method is read lazily, where the
 * endpoint's body reads it, so that a refusal comes in the same order on every runtime.
 */
public interface RestRequest {
  /** A parameter of the endpoint's path template ({@code {groupId}}), decoded by the transport. */
  String pathParameter(String name);

  /** A query parameter, or {@code null} when there is none. */
  String queryParameter(String name);

  /**
   * The body's bytes, empty when there is none. A transport that finds the body larger than it
   * takes, or not decodable, refuses here; {@link Endpoints} refuses a body over {@link
   * dev.hoochat.api.ApiInputs#MAX_BODY_BYTES} after reading it.
   */
  byte[] body();

  /** Where the request came from as the transport saw it: never {@code X-Forwarded-For}. */
  ClientAddress clientAddress();

  /**
   * Answers {@code body} with the caller, authenticated the transport's way (a bearer token, or API
   * Gateway's authorizer); a {@code RefusedException} with {@code unauthenticated} comes before
   * {@code body} runs. Asked once, before anything else, by every endpoint that is not open. {@code
   * readsGroup}: the body's first read is the group its {@code {groupId}} names, so a transport
   * that authenticates from the cache may read both in one round trip ({@link
   * dev.hoochat.application.port.in.AuthenticateUseCase#asCaller}); a malformed id reads nothing
   * ahead, and the body refuses it as before.
   */
  <T> T asCaller(boolean readsGroup, Function<Principal, T> body);
}
