package dev.hoochat.adapters.lambda.localgateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The repository's SAM template, read as data: the functions' handlers and the routes of both APIs.
 * The local gateway serves exactly these routes, so a route the template forgets fails the
 * end-to-end suite. CloudFormation's short tags ({@code !Ref}, {@code !Sub}) read as their scalar.
 */
public final class SamTemplate {
  private final JsonNode resources;

  private SamTemplate(JsonNode root) {
    this.resources = root.path("Resources");
  }

  /** The template at the repository root, found from the module's working directory. */
  public static SamTemplate load() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return load(candidate);
      }
    }
    throw new IllegalStateException("no template.yaml above " + here);
  }

  public static SamTemplate load(Path file) {
    try {
      return new SamTemplate(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each function's logical id and its {@code Handler} ({@code class::method}). */
  public Map<String, String> handlers() {
    Map<String, String> handlers = new LinkedHashMap<>();
    resources(
        "AWS::Serverless::Function",
        (id, resource) -> handlers.put(id, resource.path("Properties").path("Handler").asText()));
    return handlers;
  }

  /**
   * The HTTP API's routes: each {@code HttpApi} event of a function, with whether the API's default
   * authorizer applies ({@code Auth: {Authorizer: NONE}} opens a route). An event with no path is
   * the {@code $default} route.
   */
  public List<LocalGateway.HttpRoute> httpRoutes() {
    List<LocalGateway.HttpRoute> routes = new ArrayList<>();
    resources(
        "AWS::Serverless::Function",
        (id, function) -> {
          Iterator<JsonNode> events = function.path("Properties").path("Events").elements();
          while (events.hasNext()) {
            JsonNode event = events.next();
            if (!"HttpApi".equals(event.path("Type").asText())) {
              continue;
            }
            JsonNode properties = event.path("Properties");
            boolean open = "NONE".equals(properties.path("Auth").path("Authorizer").asText());
            String path = properties.path("Path").asText("");
            String key =
                path.isEmpty()
                    ? "$default"
                    : properties.path("Method").asText().toUpperCase(java.util.Locale.ROOT)
                        + " "
                        + path;
            routes.add(new LocalGateway.HttpRoute(key, !open));
          }
        });
    return routes;
  }

  /** The WebSocket API's route keys ({@code $connect}, {@code sendMessage}, …). */
  public Set<String> webSocketRoutes() {
    Set<String> keys = new LinkedHashSet<>();
    resources(
        "AWS::ApiGatewayV2::Route",
        (id, route) -> keys.add(route.path("Properties").path("RouteKey").asText()));
    return keys;
  }

  /** Whether a WebSocket route is guarded by an authorizer. */
  public boolean webSocketRouteAuthorized(String routeKey) {
    boolean[] authorized = {false};
    resources(
        "AWS::ApiGatewayV2::Route",
        (id, route) -> {
          JsonNode properties = route.path("Properties");
          if (routeKey.equals(properties.path("RouteKey").asText())) {
            authorized[0] = "CUSTOM".equals(properties.path("AuthorizationType").asText());
          }
        });
    return authorized[0];
  }

  /** A resource's properties by logical id. */
  public JsonNode resource(String logicalId) {
    return resources.path(logicalId);
  }

  private void resources(String type, java.util.function.BiConsumer<String, JsonNode> each) {
    Iterator<Map.Entry<String, JsonNode>> all = resources.fields();
    while (all.hasNext()) {
      Map.Entry<String, JsonNode> entry = all.next();
      if (type.equals(entry.getValue().path("Type").asText())) {
        each.accept(entry.getKey(), entry.getValue());
      }
    }
  }
}
