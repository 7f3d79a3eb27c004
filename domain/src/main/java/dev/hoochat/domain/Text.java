package dev.hoochat.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for the characters people's text may hold: handles, group names and message bodies
 * all follow it. Text that breaks it is <em>refused, not neutralised</em>: nothing is stripped,
 * replaced or escaped on the way in, so what is stored is exactly what the sender typed, and a
 * client that sends something else learns so at once.
 *
 * <p>Refused everywhere:
 *
 * <ul>
 *   <li><b>Control characters</b>: U+0000-U+001F (NUL included) other than tab and newline, U+007F
 *       (DEL) and U+0080-U+009F (the C1 controls). Carriage return (U+000D) is refused too: a line
 *       break is one newline, so a lone CR cannot rewind a line on a terminal or in a log, and one
 *       text does not come in two spellings.
 *   <li><b>Bidirectional formatting characters</b>: the embeddings and overrides U+202A-U+202E
 *       (LRE, RLE, PDF, LRO, RLO) and the isolates U+2066-U+2069 (LRI, RLI, FSI, PDI). They change
 *       the order in which the characters <em>around</em> them are shown, so a message could make
 *       text read differently from what it is ("Trojan Source"). The implicit marks U+200E, U+200F
 *       and U+061C (LRM, RLM, ALM) stay allowed: they act like an invisible letter of their
 *       direction, reorder nothing a visible letter could not, and people who write right-to-left
 *       need them to place punctuation.
 *   <li><b>Unpaired surrogates</b>: a UTF-16 surrogate without its partner is not Unicode text at
 *       all (it has no UTF-8 form).
 * </ul>
 *
 * <p>{@link Layout#ONE_LINE} text (names) also refuses tab, newline and U+2028/U+2029 (line and
 * paragraph separator): a name is shown on one line, and a line break inside it could pass for
 * another entry in a list.
 *
 * <p>Everything else is allowed: letters of every script, right-to-left text, accents and combining
 * marks, emoji with their joiners and variation selectors.
 */
public final class Text {
  private static final char REPLACEMENT = '\uFFFD';

  private Text() {}

  /** Whether the text may span lines. */
  public enum Layout {
    /** Message bodies: tab and newline allowed. */
    LINES,
    /** Names: no tab, no line break of any kind. */
    ONE_LINE
  }

  /** The class of character a refused text holds; its description names it for the client. */
  public enum Refused {
    CONTROL_CHARACTER(
        "control characters other than tab and newline (U+0000-U+001F, U+007F-U+009F)"),
    LINE_BREAK("tabs or line breaks (U+0009, U+000A, U+2028, U+2029)"),
    BIDI_FORMATTING(
        "bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069), which reorder the"
            + " text around them"),
    UNPAIRED_SURROGATE("unpaired UTF-16 surrogates (U+D800-U+DFFF), which are not Unicode text");

    private final String description;

    Refused(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** A refusal: its class and the code point found (never the character itself). */
  public record Finding(Refused refused, int codePoint) {
    /** {@code "U+202E"}: safe to print anywhere, unlike the character. */
    public String codePointName() {
      return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
  }

  /** The first character of {@code text} the rule refuses, or empty when all are allowed. */
  public static Optional<Finding> firstRefused(String text, Layout layout) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a pair: one supplementary character, none of which is refused
        continue;
      }
      Refused refused = classify(c, layout);
      if (refused != null) {
        return Optional.of(new Finding(refused, c));
      }
    }
    return Optional.empty();
  }

  /**
   * Throws {@code problem} when {@code text} breaks the rule, with a detail that says what {@code
   * what} may not contain and which code point was found.
   */
  public static void require(String text, Layout layout, Problem problem, String what) {
    Optional<Finding> finding = firstRefused(text, layout);
    if (finding.isPresent()) {
      throw new RefusedException(
          problem,
          what
              + " may not contain "
              + finding.get().refused().description()
              + "; found "
              + finding.get().codePointName());
    }
  }

  /**
   * Text stored before this rule existed, with every character the rule refuses shown as U+FFFD
   * (the replacement character): such text was accepted once and must still be readable, but it is
   * not served with the power to reorder or hide what surrounds it. Text that follows the rule is
   * answered as it is.
   */
  public static String neutralised(String text, Layout layout) {
    if (firstRefused(text, layout).isEmpty()) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        shown.append(c).append(text.charAt(++i));
      } else {
        shown.append(classify(c, layout) == null ? c : REPLACEMENT);
      }
    }
    return shown.toString();
  }

  private static Refused classify(char c, Layout layout) {
    if (c == '\t' || c == '\n') {
      return layout == Layout.LINES ? null : Refused.LINE_BREAK;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return Refused.CONTROL_CHARACTER;
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return Refused.BIDI_FORMATTING;
    }
    if (Character.isSurrogate(c)) {
      return Refused.UNPAIRED_SURROGATE; // paired ones were skipped by the caller
    }
    if ((c == '\u2028' || c == '\u2029') && layout == Layout.ONE_LINE) {
      return Refused.LINE_BREAK;
    }
    return null;
  }
}
