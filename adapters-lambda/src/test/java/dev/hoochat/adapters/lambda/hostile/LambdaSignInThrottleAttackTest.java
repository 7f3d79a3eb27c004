package dev.hoochat.adapters.lambda.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.hoochat.adapters.lambda.LocalBackends;
import dev.hoochat.adapters.lambda.boot.LambdaRuntime;
import dev.hoochat.localservers.redis.RedisTestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client: password guessing through the Lambda HTTP handler, spread over two execution
 * environments — two runtimes built separately, sharing only a real Redis. Failures counted in one
 * hold the other back, so the throttle's state is not in one process; the victim at the address
 * they signed up from still gets in on both; the wait announced never exceeds the bound (2 s here).
 */
class LambdaSignInThrottleAttackTest {
  private static final String HOME = "203.0.113.7"; // the sign-up event's sourceIp
  private static final String ATTACKER = "198.51.100.66";
  private static final long MAX_BACKOFF_SECONDS = 2;

  private RedisTestServer redis;
  private LambdaRuntime one;
  private LambdaRuntime other;

  @BeforeEach
  void start() {
    redis = RedisTestServer.startLocal();
    Map<String, String> env = new HashMap<>();
    env.put("HOOCHAT_STORE", "memory"); // each environment its own store: only Redis is shared
    env.put("HOOCHAT_CACHE", "redis");
    env.put("HOOCHAT_REDIS_URL", redis.url());
    env.put("HOOCHAT_TOKEN_KEY", LocalBackends.randomKey());
    env.put("HOOCHAT_SENDER_KEY", LocalBackends.randomKey());
    env.put("HOOCHAT_SIGN_IN_FREE_FAILURES", "5");
    env.put("HOOCHAT_SIGN_IN_MAX_BACKOFF", Long.toString(MAX_BACKOFF_SECONDS));
    one = Runtimes.start(env);
    other = Runtimes.start(env);
    for (LambdaRuntime runtime : List.of(one, other)) {
      for (String handle : List.of("alice", "bob")) {
        APIGatewayV2HTTPResponse created =
            Runtimes.http(runtime, "http-sign-up.json", Map.of("handle", handle));
        assertThat(created.getStatusCode()).isEqualTo(201);
      }
    }
  }

  @AfterEach
  void stop() {
    one.close();
    other.close();
    redis.close();
  }

  private static APIGatewayV2HTTPResponse signIn(
      LambdaRuntime runtime, String handle, String password, String sourceIp) {
    return Runtimes.http(
        runtime,
        "http-sign-in.json",
        Map.of(
            "handle", handle,
            "password", password,
            "sourceIp", sourceIp,
            // a forged header the handler must not read
            "forwardedFor", "192.0.2." + (int) (Math.random() * 200)));
  }

  @Test
  void failuresInOneEnvironmentHoldTheOtherBack() {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(one, "alice", "guess " + i, ATTACKER).getStatusCode()).isEqualTo(401);
    }

    APIGatewayV2HTTPResponse held = signIn(other, "alice", "guess 5", ATTACKER);

    assertThat(held.getStatusCode()).isEqualTo(429);
    assertThat(held.getHeaders().get("Content-Type")).startsWith("application/problem+json");
    assertThat(Runtimes.json(held.getBody()).get("code").asText()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(held.getHeaders().get("Retry-After")))
        .isBetween(1L, MAX_BACKOFF_SECONDS);
  }

  @Test
  void fiftyGuessesOverBothEnvironmentsAreHeldBackWhileOthersSignIn() throws Exception {
    List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(signIn(i % 2 == 0 ? one : other, "alice", "guess " + i, ATTACKER));
    }

    assertThat(answers.subList(0, 5)).allMatch(a -> a.getStatusCode() == 401);
    List<APIGatewayV2HTTPResponse> held =
        answers.stream().filter(a -> a.getStatusCode() == 429).toList();
    assertThat(held).hasSizeGreaterThanOrEqualTo(40);
    for (APIGatewayV2HTTPResponse a : held) {
      assertThat(Long.parseLong(a.getHeaders().get("Retry-After")))
          .isBetween(1L, MAX_BACKOFF_SECONDS);
    }
    for (LambdaRuntime runtime : List.of(one, other)) {
      assertThat(signIn(runtime, "alice", "correct horse", HOME).getStatusCode()).isEqualTo(200);
      assertThat(signIn(runtime, "bob", "correct horse", "192.0.2.1").getStatusCode())
          .isEqualTo(200);
    }

    // the attack stops; after the wait it was told, the attacker's own address gets in too
    APIGatewayV2HTTPResponse last = signIn(one, "alice", "correct horse", ATTACKER);
    if (last.getStatusCode() == 429) {
      TimeUnit.SECONDS.sleep(Long.parseLong(last.getHeaders().get("Retry-After")));
      last = signIn(other, "alice", "correct horse", ATTACKER);
    }
    assertThat(last.getStatusCode()).isEqualTo(200);
  }
}
