package dev.hoochat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Text.Layout;
import dev.hoochat.domain.Text.Refused;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: the one rule for the characters of handles, group names and message bodies. */
class TextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hi all",
        "café, naïve, Ærøskøbing, Ångström, señor", // accented letters, precomposed
        "cafe\u0301", // e + combining acute accent
        "שלום עולם", // Hebrew: right-to-left without any formatting character
        "مرحبا بالعالم", // Arabic
        "日本語のテキスト、中文",
        "\uD83E\uDD89 \uD83D\uDE00", // emoji outside the BMP, as surrogate pairs
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family: emoji joined by ZWJ
        "\u2764\uFE0F", // heart with a variation selector
        "\uD83D\uDC4D\uD83C\uDFFD", // thumbs up with a skin tone
        "(\u200Fשלום\u200F)", // RLM places punctuation in right-to-left text
        "A\u200Eb \u061C", // LRM and ALM: implicit marks, allowed
        "x\u00A0y \u00AD \u200B", // no-break space, soft hyphen, zero-width space
        "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./ \u007E",
        "\uFFFD" // the replacement character itself is a character like any other
      })
  void ordinaryTextOfEveryScriptIsAllowedOnOneLineAndInLines(String text) {
    assertThat(Text.firstRefused(text, Layout.ONE_LINE)).isEmpty();
    assertThat(Text.firstRefused(text, Layout.LINES)).isEmpty();
  }

  @Test
  void tabAndNewlineAreAllowedInLinesOnly() {
    for (String text : new String[] {"a\tb", "a\nb", "a\u2028b", "a\u2029b"}) {
      assertThat(Text.firstRefused(text, Layout.LINES)).as(text).isEmpty();
      assertThat(Text.firstRefused(text, Layout.ONE_LINE))
          .as(text)
          .get()
          .extracting(Text.Finding::refused)
          .isEqualTo(Refused.LINE_BREAK);
    }
  }

  static Stream<Arguments> controlCharacters() {
    return Stream.of(
            IntStream.rangeClosed(0x00, 0x1f).filter(c -> c != '\t' && c != '\n'),
            IntStream.rangeClosed(0x7f, 0x9f))
        .flatMap(IntStream::boxed)
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("controlCharacters")
  void everyControlCharacterButTabAndNewlineIsRefusedEverywhere(int control) {
    String text = "before" + (char) control + "after";

    for (Layout layout : Layout.values()) {
      assertThat(Text.firstRefused(text, layout))
          .as("U+%04X in %s", control, layout)
          .contains(new Text.Finding(Refused.CONTROL_CHARACTER, control));
    }
  }

  @Test
  void nulAndCarriageReturnAndDelAreControlCharacters() {
    assertThat(Text.firstRefused("a\u0000", Layout.LINES).orElseThrow().refused())
        .isEqualTo(Refused.CONTROL_CHARACTER);
    assertThat(Text.firstRefused("line\r\nline", Layout.LINES).orElseThrow().codePoint())
        .isEqualTo('\r');
    assertThat(Text.firstRefused("a\u007f", Layout.LINES).orElseThrow().refused())
        .isEqualTo(Refused.CONTROL_CHARACTER);
    assertThat(Text.firstRefused("a\u0085", Layout.LINES).orElseThrow().refused())
        .isEqualTo(Refused.CONTROL_CHARACTER);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069})
  void everyBidirectionalEmbeddingOverrideAndIsolateIsRefusedEverywhere(int bidi) {
    String text = "invoice_" + (char) bidi + "fdp.exe";

    for (Layout layout : Layout.values()) {
      assertThat(Text.firstRefused(text, layout))
          .contains(new Text.Finding(Refused.BIDI_FORMATTING, bidi));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDBFF!", "\uDC00\uD800", "ok\uD83E"})
  void anUnpairedSurrogateIsRefusedEverywhere(String text) {
    for (Layout layout : Layout.values()) {
      assertThat(Text.firstRefused(text, layout).orElseThrow().refused())
          .isEqualTo(Refused.UNPAIRED_SURROGATE);
    }
  }

  @Test
  void theRefusalNamesTheClassAndTheCodePointButNeverTheCharacter() {
    assertThatThrownBy(
            () -> Text.require("x\u202Ey", Layout.LINES, Problem.INVALID_BODY, "a message body"))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.INVALID_BODY);
              assertThat(e.detail())
                  .startsWith("a message body may not contain bidirectional formatting characters")
                  .endsWith("; found U+202E")
                  .doesNotContain("\u202E");
              assertThat(e.detail().chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
            });
    assertThatThrownBy(() -> Text.require("\u0000", Layout.LINES, Problem.INVALID_BODY, "a body"))
        .hasMessageContaining("control characters other than tab and newline")
        .hasMessageEndingWith("found U+0000");
  }

  @Test
  void textStoredBeforeTheRuleIsReadWithEachRefusedCharacterReplaced() {
    assertThat(Text.neutralised("a\u0000b\u202Ec\uD800d\tline\n", Layout.LINES))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\tline\n");
    assertThat(Text.neutralised("a\tb\nc", Layout.ONE_LINE)).isEqualTo("a\uFFFDb\uFFFDc");
    String allowed = "שלום \uD83E\uDD89 café";
    assertThat(Text.neutralised(allowed, Layout.ONE_LINE)).isSameAs(allowed);
  }
}
