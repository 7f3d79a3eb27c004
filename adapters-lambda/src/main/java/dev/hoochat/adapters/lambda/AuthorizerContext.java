package dev.hoochat.adapters.lambda;

import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.util.Map;

/**
 * What the authorizer hands the route handlers through API Gateway: the principal's user id and
 * handle, or, on the HTTP API, why there is none. API Gateway passes the map on untouched, so the
 * handlers read the principal without a store or cache read of their own.
 */
final class AuthorizerContext {
  static final String USER_ID = "userId";
  static final String HANDLE = "handle";

  /**
   * Why the token was refused. HTTP APIs cannot shape the answer to a denied request (it is always
   * a bare 403), so the authorizer lets an unauthenticated request through without a principal and
   * the handler answers API.md's 401 problem with this detail.
   */
  static final String REFUSAL = "refusal";

  private AuthorizerContext() {}

  static Map<String, String> of(Principal principal) {
    return Map.of(USER_ID, principal.userId().value(), HANDLE, principal.handle().value());
  }

  static Map<String, String> refused(String detail) {
    return Map.of(REFUSAL, detail);
  }

  /** The principal the authorizer found, or {@code unauthenticated} with its reason. */
  static Principal principal(Map<String, ?> context) {
    Object user = context == null ? null : context.get(USER_ID);
    Object handle = context == null ? null : context.get(HANDLE);
    if (user instanceof String u && handle instanceof String h) {
      return new Principal(new UserId(u), Handle.of(h));
    }
    Object refusal = context == null ? null : context.get(REFUSAL);
    throw new RefusedException(
        Problem.UNAUTHENTICATED,
        refusal instanceof String r && !r.isBlank()
            ? r
            : "an Authorization: Bearer token is required");
  }
}
