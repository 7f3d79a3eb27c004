package dev.hoochat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: what a password may be, as API.md's {@code invalid_password} row says. */
class PasswordTest {

  @ParameterizedTest
  @ValueSource(ints = {8, 9, 64, 127, 128})
  void passwordsOfEightToOneHundredTwentyEightCharactersAreAccepted(int length) {
    assertThat(new Password("p".repeat(length)).value()).hasSize(length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 129, 1000})
  void shorterOrLongerPasswordsAreRefusedWithInvalidPassword(int length) {
    assertRefused("p".repeat(length));
  }

  @ParameterizedTest
  @NullSource
  void aMissingPasswordIsRefusedWithInvalidPassword(String value) {
    assertRefused(value);
  }

  @Test
  void lengthIsCountedInCharactersAsAPersonSeesThemNotInUtf16Units() {
    String eightEmoji = "\uD83D\uDE00".repeat(8); // 16 UTF-16 units, 8 characters
    assertThat(new Password(eightEmoji).value()).isEqualTo(eightEmoji);
    String oneHundredTwentyEightEmoji = "\uD83D\uDE00".repeat(128);
    assertThat(new Password(oneHundredTwentyEightEmoji).value()).hasSize(256);
    assertRefused("\uD83D\uDE00".repeat(7));
  }

  @Test
  void aPasswordNeverPrintsItself() {
    assertThat(new Password("correct horse").toString()).doesNotContain("correct horse");
  }

  private static void assertRefused(String value) {
    assertThatThrownBy(() -> new Password(value))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_PASSWORD));
  }
}
