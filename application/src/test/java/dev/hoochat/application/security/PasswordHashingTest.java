package dev.hoochat.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.fakes.FakeIds;
import org.junit.jupiter.api.Test;

/** Unit test: passwords are kept as salted PBKDF2 hashes that name their own cost. */
class PasswordHashingTest {
  private final FakeIds random = new FakeIds();
  private final PasswordHashing hashing = new PasswordHashing(3, random);

  @Test
  void theRightPasswordMatchesItsHashAndAWrongOneDoesNot() {
    String hash = hashing.hash("correct horse");

    assertThat(hashing.matches("correct horse", hash)).isTrue();
    assertThat(hashing.matches("correct horsE", hash)).isFalse();
    assertThat(hashing.matches("", hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
    String first = hashing.hash("correct horse");
    String second = hashing.hash("correct horse");

    assertThat(first).isNotEqualTo(second);
    assertThat(hashing.matches("correct horse", second)).isTrue();
  }

  @Test
  void theHashNamesItsSchemeAndCostAndNotThePassword() {
    String hash = hashing.hash("correct horse");

    assertThat(hash).startsWith("pbkdf2-sha256$3$").doesNotContain("correct");
  }

  @Test
  void raisingTheCostDoesNotLockOutPasswordsHashedBefore() {
    String oldHash = hashing.hash("correct horse");

    PasswordHashing costlier = new PasswordHashing(7, random);

    assertThat(costlier.matches("correct horse", oldHash)).isTrue();
    assertThat(costlier.hash("correct horse")).startsWith("pbkdf2-sha256$7$");
  }

  @Test
  void aMalformedStoredHashMatchesNothing() {
    assertThat(hashing.matches("correct horse", "")).isFalse();
    assertThat(hashing.matches("correct horse", "plain text")).isFalse();
    assertThat(hashing.matches("correct horse", "bcrypt$3$c2FsdA$aGFzaA")).isFalse();
    assertThat(hashing.matches("correct horse", "pbkdf2-sha256$x$c2FsdA$aGFzaA")).isFalse();
    assertThat(hashing.matches("correct horse", "pbkdf2-sha256$3$!!$!!")).isFalse();
  }

  @Test
  void aCostBelowOneIsAConfigurationMistake() {
    assertThatThrownBy(() -> new PasswordHashing(0, random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
