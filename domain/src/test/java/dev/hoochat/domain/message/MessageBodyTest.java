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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "line one\nline two\n\ttabbed",
        "café crème, Ærøskøbing",
        "שלום לכולם", // right-to-left text without formatting characters
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \u2764\uFE0F"
      })
  void tabsNewlinesAndTextOfEveryScriptAreAccepted(String text) {
    assertThat(new MessageBody(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul\u0000here",
        "windows\r\nline",
        "bell\u0007",
        "escape\u001B[2J",
        "del\u007F",
        "c1\u009B",
        "gpj.\u202Eexe",
        "isolate\u2067x\u2069",
        "lone \uD800 surrogate"
      })
  void controlBidiAndUnpairedSurrogateCharactersAreRefusedWithInvalidBody(String text) {
    assertThatThrownBy(() -> new MessageBody(text))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.INVALID_BODY);
              assertThat(e.detail()).startsWith("a message body may not contain ");
            });
  }

  @Test
  void aBodyStoredBeforeTheCharacterRuleStillReadsWithTheRefusedCharactersReplaced() {
    assertThat(MessageBody.stored("evil\u202Etxt.exe\u0000").text())
        .isEqualTo("evil\uFFFDtxt.exe\uFFFD");
    assertThat(MessageBody.stored("hi all\n").text()).isEqualTo("hi all\n");
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
