package dev.hoochat.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.security.BearerTokens;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unit test: bearer tokens name their user, expire, and cannot be forged or altered. */
class BearerTokensTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final UserId ALICE = new UserId("alice-1");

  private final BearerTokens tokens = new BearerTokens(TestChat.key(1), Duration.ofHours(24));

  @Test
  void anIssuedTokenVerifiesAsItsUserUntilItExpires() {
    BearerTokens.Issued issued = tokens.issue(ALICE, NOW);

    BearerTokens.Verified verified = tokens.verify(issued.token(), NOW.plusSeconds(60));

    assertThat(verified.userId()).isEqualTo(ALICE);
    assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    assertThat(issued.expiresAt()).isEqualTo(verified.expiresAt());
  }

  @Test
  void aTokenIsRefusedFromTheMomentItExpires() {
    String token = tokens.issue(ALICE, NOW).token();

    assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(24)).minusMillis(1)).userId())
        .isEqualTo(ALICE);
    TestChat.refused(
        Problem.UNAUTHENTICATED, () -> tokens.verify(token, NOW.plus(Duration.ofHours(24))));
  }

  @Test
  void changingAnyPartOfATokenMakesItInvalid() {
    String token = tokens.issue(ALICE, NOW).token();

    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String altered = token.substring(0, i) + (c == 'x' ? 'y' : 'x') + token.substring(i + 1);
      TestChat.refused(Problem.UNAUTHENTICATED, () -> tokens.verify(altered, NOW));
    }
  }

  @Test
  void extendingTheExpiryIsDetected() {
    String token = tokens.issue(ALICE, NOW).token();
    String[] parts = token.split("\\.");
    String extended =
        parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];

    TestChat.refused(Problem.UNAUTHENTICATED, () -> tokens.verify(extended, NOW));
  }

  @Test
  void aCorrectlySignedTokenWithAnAbsurdExpiryIsUnauthenticatedNotAFailure() {
    for (String expiry :
        new String[] {
          Long.toString(Long.MAX_VALUE), // not an Instant at all
          Long.toString(Instant.MAX.getEpochSecond()),
          Long.toString(NOW.plus(Duration.ofDays(365 * 100)).getEpochSecond()),
          Long.toString(
              NOW.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(6)).getEpochSecond()),
          Long.toString(Long.MIN_VALUE), // not an Instant either
          "-1",
          "0"
        }) {
      String token = signed("v1." + ALICE.value() + "." + expiry, TestChat.key(1));

      TestChat.refused(Problem.UNAUTHENTICATED, () -> tokens.verify(token, NOW));
    }
  }

  @Test
  void aTokenFromAServerWhoseClockRunsAFewMinutesAheadIsAccepted() {
    long expiry = NOW.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(4)).getEpochSecond();
    String token = signed("v1." + ALICE.value() + "." + expiry, TestChat.key(1));

    assertThat(tokens.verify(token, NOW).expiresAt()).isEqualTo(Instant.ofEpochSecond(expiry));
  }

  @Test
  void aTokenFromAServerWithAnotherKeyIsRefused() {
    String foreign =
        new BearerTokens(TestChat.key(2), Duration.ofHours(24)).issue(ALICE, NOW).token();

    TestChat.refused(Problem.UNAUTHENTICATED, () -> tokens.verify(foreign, NOW));
  }

  /** A token minted here with the server's own key and algorithm: claims, a dot, HMAC-SHA256. */
  static String signed(String claims, byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return claims
          + "."
          + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSelfSignedTokenOfTheIssuedShapeVerifies() {
    long expiry = NOW.plus(Duration.ofHours(1)).getEpochSecond();

    assertThat(tokens.verify(signed("v1.alice-1." + expiry, TestChat.key(1)), NOW).userId())
        .isEqualTo(ALICE);
  }

  @Test
  void anOversizedTokenIsRefusedWithoutBeingParsed() {
    TestChat.refused(Problem.UNAUTHENTICATED, () -> tokens.verify("v1." + "a".repeat(600), NOW));
  }

  @Test
  void theCacheKeyOfATokenIsADigestThatDoesNotContainIt() {
    String token = tokens.issue(ALICE, NOW).token();

    String digest = BearerTokens.digest(token);

    assertThat(digest).isEqualTo(BearerTokens.digest(token));
    assertThat(token).doesNotContain(digest);
    assertThat(digest).doesNotContain(ALICE.value());
    assertThat(BearerTokens.digest(token + "x")).isNotEqualTo(digest);
  }
}
