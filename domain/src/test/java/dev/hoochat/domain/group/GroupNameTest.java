package dev.hoochat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: what a group may be called, as API.md's {@code invalid_name} row says. */
class GroupNameTest {

  @Test
  void aNameOfUpToSixtyFourCharactersIsAccepted() {
    assertThat(GroupName.of("inner circle").value()).isEqualTo("inner circle");
    assertThat(GroupName.of("x".repeat(64)).value()).hasSize(64);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
  void aBlankNameIsRefusedWithInvalidName(String typed) {
    assertRefused(typed);
  }

  @Test
  void aNameOverSixtyFourCharactersIsRefusedWithInvalidName() {
    assertRefused("x".repeat(65));
  }

  @Test
  void lengthIsCountedInCharactersNotUtf16Units() {
    String sixtyFourEmoji = "\uD83E\uDD89".repeat(64);
    assertThat(GroupName.of(sixtyFourEmoji).value()).isEqualTo(sixtyFourEmoji);
    assertRefused("\uD83E\uDD89".repeat(65));
  }

  @Test
  void surroundingWhiteSpaceIsNotPartOfTheName() {
    assertThat(GroupName.of("  owls  ")).isEqualTo(new GroupName("owls"));
    assertThat(GroupName.of("  " + "x".repeat(64) + "  ").value()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"café crème", "חוג פנימי", "\uD83E\uDD89 owls", "a\u200Fb"})
  void namesInEveryScriptAreAccepted(String typed) {
    assertThat(GroupName.of(typed).value()).isEqualTo(typed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ow\nls",
        "ow\tls",
        "ow\u2028ls",
        "owls\r\n",
        "\u0000owls",
        "owls\u001F",
        "ow\u007Fls",
        "admins\u202E",
        "\u2066owls\u2069",
        "owls\uDC00"
      })
  void aNameWithALineBreakInsideOrAControlBidiOrSurrogateCharacterIsRefused(String typed) {
    assertThatThrownBy(() -> GroupName.of(typed))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.INVALID_NAME);
              assertThat(e.detail()).startsWith("a group name may not contain ");
            });
  }

  @Test
  void aTrailingNewlineAsFormsSendItIsSurroundingWhiteSpace() {
    assertThat(GroupName.of("\towls\n").value()).isEqualTo("owls");
  }

  @Test
  void aNameStoredBeforeTheCharacterRuleStillLoadsWithTheRefusedCharactersReplaced() {
    assertThat(GroupName.stored("ow\nls\u202E").value()).isEqualTo("ow\uFFFDls\uFFFD");
  }

  private static void assertRefused(String typed) {
    assertThatThrownBy(() -> GroupName.of(typed))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_NAME));
  }
}
