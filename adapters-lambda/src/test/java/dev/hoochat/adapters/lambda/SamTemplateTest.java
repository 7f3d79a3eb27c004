package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.lambda.localgateway.LocalGateway;
import dev.hoochat.adapters.lambda.localgateway.SamTemplate;
import dev.hoochat.api.rest.Endpoint;
import dev.hoochat.api.rest.Endpoints;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SAM template at the repository root names what this module builds. */
class SamTemplateTest {
  private final SamTemplate template = SamTemplate.load();

  @Test
  void everyFunctionNamesAHandlerClassAndMethodThatExist() throws Exception {
    Map<String, String> handlers = template.handlers();

    assertThat(handlers)
        .containsOnlyKeys("AuthorizerFunction", "HttpApiFunction", "WebSocketFunction");
    for (Map.Entry<String, String> function : handlers.entrySet()) {
      String[] parts = function.getValue().split("::");
      assertThat(parts).as(function.getKey()).hasSize(2);
      Class<?> type = Class.forName(parts[0]);
      assertThat(
              RequestHandler.class.isAssignableFrom(type)
                  || RequestStreamHandler.class.isAssignableFrom(type))
          .as("%s implements a Lambda handler interface", type)
          .isTrue();
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
      assertThat(Arrays.stream(type.getMethods()).map(m -> m.getName())).contains(parts[1]);
    }
  }

  /**
   * The template's HTTP API routes are the table's endpoints, each behind the authorizer unless it
   * is open, plus {@code $default} (open, answered with a 404 or 405 problem): a route on either
   * side that the other lacks would be a 404 on Lambda only, or a route API Gateway sends to no
   * handler.
   */
  @Test
  void theHttpApiDeclaresExactlyTheEndpointsWithTheAuthorizerOnTheClosedOnes() {
    List<LocalGateway.HttpRoute> declared = template.httpRoutes();

    List<LocalGateway.HttpRoute> expected = new ArrayList<>();
    for (Endpoint endpoint : Endpoints.ALL) {
      expected.add(new LocalGateway.HttpRoute(endpoint.routeKey(), !endpoint.open()));
    }
    expected.add(new LocalGateway.HttpRoute("$default", false));
    assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theWebSocketApiRoutesEveryActionAndAuthorizesTheConnect() {
    assertThat(template.webSocketRoutes())
        .containsExactlyInAnyOrder("$connect", "$disconnect", "sendMessage", "$default");
    assertThat(template.webSocketRouteAuthorized("$connect")).isTrue();
    assertThat(
            template.resource("WebSocketApi").at("/Properties/RouteSelectionExpression").asText())
        .isEqualTo("$request.body.action");
  }

  @Test
  void theTableHasItsIndexAndTtlAndOnlyTheWebSocketFunctionsManageConnections() {
    JsonNode table = template.resource("Table").path("Properties");
    assertThat(table.at("/GlobalSecondaryIndexes/0/IndexName").asText()).isEqualTo("gsi1");
    assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo("expiresAt");
    assertThat(policyText("AuthorizerFunction")).doesNotContain("ManageConnections", "PutItem");
    assertThat(policyText("HttpApiFunction")).contains("execute-api:ManageConnections");
    assertThat(policyText("WebSocketFunction")).contains("execute-api:ManageConnections");
  }

  private String policyText(String function) {
    return template.resource(function).path("Properties").path("Policies").toString();
  }
}
