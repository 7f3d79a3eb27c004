package dev.hoochat.adapters.lambda;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTTP API's routes, as API Gateway route keys. The handler dispatches on the route key API
 * Gateway matched (never on the raw path), and the SAM template must declare exactly these routes,
 * each with the authorizer unless it is open — a test holds the two together.
 */
public final class HttpRoutes {
  private HttpRoutes() {}

  /** One route: {@code "GET /v1/groups/{groupId}"}; {@code open} routes need no token. */
  public record Route(String key, boolean open) {
    public String method() {
      return key.substring(0, key.indexOf(' '));
    }

    public String path() {
      return key.substring(key.indexOf(' ') + 1);
    }

    /** Whether a concrete path fits this route's template ({@code {param}} = one segment). */
    public boolean matchesPath(String rawPath) {
      String regex = Pattern.quote(path()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      return rawPath != null && rawPath.matches(regex);
    }
  }

  public static final String DEFAULT = "$default";

  public static final List<Route> ALL =
      List.of(
          new Route("GET /health", true),
          new Route("POST /v1/users", true),
          new Route("POST /v1/sessions", true),
          new Route("GET /v1/me", false),
          new Route("POST /v1/groups", false),
          new Route("GET /v1/groups", false),
          new Route("GET /v1/groups/{groupId}", false),
          new Route("POST /v1/groups/{groupId}/members", false),
          new Route("DELETE /v1/groups/{groupId}/members/{userId}", false),
          new Route("POST /v1/groups/{groupId}/messages", false),
          new Route("GET /v1/groups/{groupId}/messages", false));
}
