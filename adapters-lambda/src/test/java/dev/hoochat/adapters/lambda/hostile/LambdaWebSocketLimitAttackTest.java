package dev.hoochat.adapters.lambda.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.lambda.LocalBackends;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client: one user's {@code $connect}s spread over two execution environments (two runtimes
 * built separately on one dynalite table and one Redis). The connections are counted in the table,
 * so the 21st is refused with 429 {@code too_many_connections} whichever environment it reaches,
 * while another user connects, and a disconnect makes room again.
 */
class LambdaWebSocketLimitAttackTest {
  private RedisTestServer redis;
  private LambdaRuntime one;
  private LambdaRuntime other;

  @BeforeEach
  void start() {
    redis = RedisTestServer.startLocal();
    DynamoDbSettings dynamo = LocalBackends.freshTable("hostile-ws");
    Map<String, String> env = new HashMap<>();
    env.put("HOOCHAT_STORE", "dynamodb");
    env.put("HOOCHAT_DYNAMODB_ENDPOINT", dynamo.endpoint().orElseThrow().toString());
    env.put("HOOCHAT_DYNAMODB_TABLE", dynamo.table());
    env.put("HOOCHAT_CACHE", "redis");
    env.put("HOOCHAT_REDIS_URL", redis.url());
    env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
    env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
    one = Runtimes.start(env);
    other = Runtimes.start(env);
  }

  @AfterEach
  void stop() {
    one.close();
    other.close();
    redis.close();
  }

  private Map<String, String> signUp(String handle) {
    JsonNode session =
        Runtimes.json(Runtimes.http(one, "http-sign-up.json", Map.of("handle", handle)).getBody());
    Map<String, String> vars = new HashMap<>();
    vars.put("handle", handle);
    vars.put("userId", session.get("userId").asText());
    return vars;
  }

  private static APIGatewayV2WebSocketResponse route(
      LambdaRuntime runtime, String event, Map<String, String> user, String connectionId) {
    Map<String, String> vars = new HashMap<>(user);
    vars.put("connectionId", connectionId);
    vars.put("token", "unused-the-authorizer-ran-before");
    return Runtimes.webSocket(runtime, event, vars);
  }

  @Test
  void theTwentyFirstConnectIsRefusedInWhicheverEnvironmentItReaches() {
    Map<String, String> mallory = signUp("mallory");
    Map<String, String> bob = signUp("bob");
    List<String> open = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "mallory-" + i + "=";
      assertThat(route(i % 2 == 0 ? one : other, "ws-connect.json", mallory, id).getStatusCode())
          .isEqualTo(200);
      open.add(id);
    }

    for (int i = 0; i < 10; i++) {
      APIGatewayV2WebSocketResponse refused =
          route(i % 2 == 0 ? one : other, "ws-connect.json", mallory, "extra-" + i + "=");
      assertThat(refused.getStatusCode()).isEqualTo(429);
      assertThat(Runtimes.json(refused.getBody()).get("code").asText())
          .isEqualTo("too_many_connections");
    }
    assertThat(route(other, "ws-connect.json", bob, "bob-0=").getStatusCode()).isEqualTo(200);

    // a disconnect handled by one environment makes room for a connect in the other
    assertThat(route(one, "ws-disconnect.json", mallory, open.get(1)).getStatusCode())
        .isEqualTo(200);
    assertThat(route(other, "ws-connect.json", mallory, "again=").getStatusCode()).isEqualTo(200);
    assertThat(route(one, "ws-connect.json", mallory, "once-more=").getStatusCode()).isEqualTo(429);
  }
}
