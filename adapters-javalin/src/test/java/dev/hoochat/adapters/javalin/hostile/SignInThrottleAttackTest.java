package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.application.assembly.ChatSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile client: password guessing against the standalone server, from one address and from many,
 * each attack bounded in count. The server must hold the guesses back with {@code 429 rate_limited}
 * and a {@code Retry-After} no longer than its configured bound, while other users, and the victim
 * at an address they have used, sign in as usual.
 *
 * <p>Every client here is real and on loopback; the test plays different addresses by binding its
 * sockets to 127.0.0.x. The back-off is configured short (2 s) so that the bound can be waited out.
 */
class SignInThrottleAttackTest {
  private static final long MAX_BACKOFF_SECONDS = 2;
  private static final String HOME = "127.0.0.1";

  private StandaloneDeployment server;
  private ChatClient api;

  @BeforeEach
  void start() {
    server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .passwordIterations(1_000)
                .postsPerMinute(0)
                .limits(
                    ChatSettings.Limits.DEFAULT.withSignIn(
                        5, Duration.ofSeconds(MAX_BACKOFF_SECONDS)))
                .build());
    api = new ChatClient(server.baseUri());
    api.signUp("alice", "correct horse"); // from 127.0.0.1: an address alice has used
    api.signUp("bob", "battery staple");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FromAddress from(String address) {
    return new FromAddress(address, server.baseUri());
  }

  @Test
  void fiftyWrongPasswordsFromOneAddressAreHeldBackWhileOthersSignIn() {
    FromAddress attacker = from("127.0.0.2");
    List<FromAddress.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // a forged X-Forwarded-For changes nothing: the peer's address is what counts
      answers.add(
          attacker.post(
              "/v1/sessions",
              "{\"handle\":\"alice\",\"password\":\"guess " + i + "\"}",
              Map.of("X-Forwarded-For", "198.51.100." + i)));
    }

    assertThat(answers.subList(0, 5)).allMatch(a -> a.status() == 401);
    List<FromAddress.Answer> held = answers.stream().filter(a -> a.status() == 429).toList();
    assertThat(held).hasSizeGreaterThanOrEqualTo(40);
    for (FromAddress.Answer a : held) {
      assertThat(a.code()).isEqualTo("rate_limited");
      assertThat(a.header("Content-Type")).startsWith("application/problem+json");
      assertThat(Long.parseLong(a.header("Retry-After"))).isBetween(1L, MAX_BACKOFF_SECONDS);
    }
    assertThat(answers).allMatch(a -> a.status() == 401 || a.status() == 429);

    assertThat(from(HOME).signIn("bob", "battery staple").status()).isEqualTo(200);
    assertThat(from(HOME).signIn("alice", "correct horse").status()).isEqualTo(200);
    assertThat(from("127.0.0.3").signIn("bob", "battery staple").status()).isEqualTo(200);
  }

  @Test
  void anUnknownHandleIsAnsweredExactlyAsAWrongPassword() {
    FromAddress attacker = from("127.0.0.4");
    List<Integer> known = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      known.add(attacker.signIn("alice", "guess " + i).status());
      unknown.add(attacker.signIn("nobody_at_all", "guess " + i).status());
    }

    assertThat(unknown).isEqualTo(known);
    assertThat(known.subList(0, 5)).containsOnly(401);
    assertThat(known.subList(5, 8)).containsOnly(429);
  }

  @Test
  void aDistributedAttackCannotKeepTheVictimOutFromAnAddressTheyUse() throws Exception {
    // two guesses from each of twenty addresses: no address is held back, the handle is
    for (int bot = 10; bot < 30; bot++) {
      FromAddress from = from("127.0.0." + bot);
      from.signIn("alice", "guess a");
      from.signIn("alice", "guess b");
    }

    // a new address is held back even with the right password, for at most the bound...
    FromAddress cafe = from("127.0.0.5");
    FromAddress.Answer held = cafe.signIn("alice", "correct horse");
    assertThat(held.status()).isEqualTo(429);
    long wait = Long.parseLong(held.header("Retry-After"));
    assertThat(wait).isBetween(1L, MAX_BACKOFF_SECONDS);
    // ...while the victim at home, and everyone else, sign in as usual
    assertThat(from(HOME).signIn("alice", "correct horse").status()).isEqualTo(200);
    assertThat(cafe.signIn("bob", "battery staple").status()).isEqualTo(200);

    // the attack stops: once the announced wait is over, the new address gets in too
    TimeUnit.SECONDS.sleep(wait);
    assertThat(cafe.signIn("alice", "correct horse").status()).isEqualTo(200);
  }

  @Test
  void theVictimIsNotKeptOutLongerThanTheBoundEvenFromTheAttackersAddress() throws Exception {
    FromAddress shared = from("127.0.0.6"); // attacker and victim behind one address
    FromAddress.Answer last = null;
    for (int i = 0; i < 30; i++) {
      last = shared.signIn("alice", "guess " + i);
    }
    assertThat(last.status()).isEqualTo(429);

    long wait = Long.parseLong(last.header("Retry-After"));
    assertThat(wait).isLessThanOrEqualTo(MAX_BACKOFF_SECONDS);
    TimeUnit.SECONDS.sleep(wait);
    assertThat(shared.signIn("alice", "correct horse").status()).isEqualTo(200);
  }
}
