package dev.hoochat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: what a message may say, as API.md's {@code invalid_body} row says. */
class MessageBodyTest {
  private static final String OWL = "\uD83E\uDD89"; // one character, two UTF-16 units

  @Test
  void aBodyOfUpToTwoThousandCharactersIsAccepted() {
    assertThat(new MessageBody("hi all").text()).isEqualTo("hi all");
    assertThat(new MessageBody("x".repeat(2000)).text()).hasSize(2000);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\n\t "})
  void aBlankBodyIsRefusedWithInvalidBody(String text) {
    assertRefused(text);
  }

  @Test
  void aBodyOverTwoThousandCharactersIsRefusedWithInvalidBody() {
    assertRefused("x".repeat(2001));
  }

  @Test
  void twoThousandEmojiAreTwoThousandCharactersThoughFourThousandUtf16Units() {
    assertThat(new MessageBody(OWL.repeat(2000)).text()).hasSize(4000);
    assertRefused(OWL.repeat(2001));
  }

  @Test
  void aBodyDoesNotPrintWhatItSaysIntoLogs() {
    assertThat(new MessageBody("a secret plan").toString()).doesNotContain("secret");
  }

  private static void assertRefused(String text) {
    assertThatThrownBy(() -> new MessageBody(text))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_BODY));
  }
}
