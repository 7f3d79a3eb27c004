package dev.hoochat.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Request bodies as clients send them, and the answer each gets: its fields, or API.md's {@code 400
 * malformed_json} with a detail that says what is wrong.
 */
class JsonRequestTest {
  private static final Set<String> MESSAGE = ApiInputs.MESSAGE_FIELDS;
  private static final Set<String> GROUP = ApiInputs.GROUP_FIELDS;

  @Test
  void aWellFormedObjectGivesItsFields() {
    JsonRequest request =
        JsonRequest.parse(
            bytes("{\"name\":\"inner circle\",\"members\":[\"bob\",\"carol\"]}"), GROUP);

    assertThat(request.text("name")).isEqualTo("inner circle");
    assertThat(request.texts("members")).containsExactly("bob", "carol");
  }

  @Test
  void escapesAndTextBeyondAsciiReadAsTheCharactersTheyStandFor() {
    JsonRequest request =
        JsonRequest.parse(
            bytes("{\"body\":\"caf\\u00e9 \\\"ok\\\"\\n\u4e2d \ud83d\ude00\"}"), MESSAGE);

    assertThat(request.text("body")).isEqualTo("café \"ok\"\n\u4e2d \ud83d\ude00");
  }

  @Test
  void nullAndMissingFieldsReadAsAbsent() {
    JsonRequest request =
        JsonRequest.parse(bytes("{\"body\":null,\"clientMessageId\":null}"), MESSAGE);
    JsonRequest group = JsonRequest.parse(bytes("{\"name\":\"g\",\"members\":null}"), GROUP);
    JsonRequest empty = JsonRequest.parse(bytes("{}"), GROUP);

    assertThat(request.text("body")).isNull();
    assertThat(request.optionalText("clientMessageId")).isEmpty();
    assertThat(group.texts("members")).isEmpty();
    assertThat(empty.text("name")).isNull();
    assertThat(empty.texts("members")).isEmpty();
  }

  @Test
  void whitespaceAroundTheObjectIsAllowed() {
    JsonRequest request = JsonRequest.parse(bytes(" \n\t{\"body\" : \"hi\"}\r\n "), MESSAGE);

    assertThat(request.text("body")).isEqualTo("hi");
  }

  @Test
  void aLeadingByteOrderMarkIsTolerated() {
    JsonRequest request = JsonRequest.parse(bytes("\uFEFF{\"body\":\"hi\"}"), MESSAGE);

    assertThat(request.text("body")).isEqualTo("hi");
    assertRefused("\uFEFF\uFEFF{\"body\":\"hi\"}", "the body is not valid JSON");
  }

  @Test
  void anEmptyBodyIsMalformed() {
    assertRefused("", "the body is empty; a JSON object is expected");
    assertRefused("  \n", "the body is empty; a JSON object is expected");
  }

  @Test
  void aBodyThatIsNotAnObjectIsMalformed() {
    for (String body : List.of("[\"hi\"]", "\"hi\"", "42", "true", "null", "[]")) {
      assertRefused(body, "the body must be a JSON object");
    }
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    for (String body :
        List.of(
            "not json",
            "{\"body\":",
            "{\"body\":\"hi\",}",
            "{\"body\":'hi'}",
            "{body:\"hi\"}",
            "{\"body\":\"hi\"",
            "{\"body\":[\"bob\"")) {
      assertRefused(body, "the body is not valid JSON");
    }
  }

  @Test
  void aFieldGivenTwiceIsMalformedWhateverItsValues() {
    assertRefused("{\"body\":\"a\",\"body\":\"b\"}", "the body is not valid JSON");
    assertRefused("{\"body\":\"a\",\"body\":\"a\"}", "the body is not valid JSON");
    assertRefused("{\"body\":null,\"body\":\"hi\"}", "the body is not valid JSON");
    assertRefused("{\"body\":{\"x\":1,\"x\":2}}", "the body is not valid JSON");
  }

  @Test
  void anythingAfterTheObjectIsMalformed() {
    for (String body :
        List.of(
            "{\"body\":\"b\"} x",
            "{\"body\":\"b\"} {}",
            "{\"body\":\"b\"}{\"body\":\"c\"}",
            "{\"body\":\"b\"}]",
            "{\"body\":\"b\"} null")) {
      assertRefused(body, "the body is not valid JSON");
    }
  }

  @Test
  void invalidUtf8IsMalformedWhereverItIs() {
    assertRefused(utf8With("{\"body\":\"?\"}", 0xC3), "the body is not valid UTF-8");
    assertRefused(utf8With("{\"body\":\"?\"}", 0xFF), "the body is not valid UTF-8");
    assertRefused(utf8With("{\"body\":\"?\"}", 0x80), "the body is not valid UTF-8");
    assertRefused(utf8With("{\"?\":\"hi\"}", 0xC3), "the body is not valid UTF-8");
    // A UTF-16 surrogate encoded on its own is not UTF-8, even inside a value of the wrong type.
    assertRefused(utf8With("{\"body\":\"???\"}", 0xED, 0xA0, 0x80), "the body is not valid UTF-8");
    assertRefused(
        utf8With("{\"body\":{\"x\":[\"???\"]}}", 0xED, 0xA0, 0x80), "the body is not valid UTF-8");
    assertRefused(
        utf8With("{\"body\":[\"bob\",\"???\"]}", 0xED, 0xA0, 0x80), "the body is not valid UTF-8");
  }

  /** Byte sequences no UTF-8 decoder may accept (Unicode 15, table 3-7), each inside a string. */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalidUtf8() {
    return java.util.stream.Stream.of(
        invalid("overlong '/' (C0 AF), the classic path-traversal smuggler", 0xC0, 0xAF),
        invalid("overlong NUL (C0 80), 'modified UTF-8'", 0xC0, 0x80),
        invalid("overlong '\"' (C1 A2)", 0xC1, 0xA2),
        invalid("three-byte overlong '/' (E0 80 AF)", 0xE0, 0x80, 0xAF),
        invalid("four-byte overlong '/' (F0 80 80 AF)", 0xF0, 0x80, 0x80, 0xAF),
        invalid("three-byte overlong U+07FF (E0 9F BF)", 0xE0, 0x9F, 0xBF),
        invalid("four-byte overlong U+FFFF (F0 8F BF BF)", 0xF0, 0x8F, 0xBF, 0xBF),
        invalid("high surrogate U+D800 encoded (ED A0 80)", 0xED, 0xA0, 0x80),
        invalid("low surrogate U+DFFF encoded (ED BF BF)", 0xED, 0xBF, 0xBF),
        invalid("surrogate pair encoded as CESU-8", 0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9),
        invalid("above U+10FFFF (F4 90 80 80)", 0xF4, 0x90, 0x80, 0x80),
        invalid("F5, never a UTF-8 byte", 0xF5, 0x80, 0x80, 0x80),
        invalid("F8, an old five-byte lead", 0xF8, 0x88, 0x80, 0x80, 0x80),
        invalid("FC, an old six-byte lead", 0xFC, 0x84, 0x80, 0x80, 0x80, 0x80),
        invalid("FE", 0xFE),
        invalid("FF", 0xFF),
        invalid("a lone continuation byte", 0x80),
        invalid("a truncated two-byte sequence", 0xC3),
        invalid("a truncated three-byte sequence", 0xE2, 0x82),
        invalid("a truncated four-byte sequence", 0xF0, 0x9F, 0xA6),
        invalid("a lead byte followed by ASCII", 0xE2, 0x41, 0x41));
  }

  private static org.junit.jupiter.params.provider.Arguments invalid(String name, int... bytes) {
    return org.junit.jupiter.params.provider.Arguments.of(name, bytes);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("invalidUtf8")
  void everyInvalidUtf8SequenceIsMalformedJson(String name, int[] sequence) {
    assertRefused(utf8With("{\"body\":\"a?b\"}", sequence), "the body is not valid UTF-8");
    assertRefused(utf8With("{\"?\":\"hi\"}", sequence), "the body is not valid UTF-8");
    assertRefused(utf8With("{\"body\":\"hi\"} ?", sequence), "the body is not valid UTF-8");
  }

  @Test
  void anOverlongSlashIsNotReadAsASlash() {
    byte[] body = utf8With("{\"body\":\"..?etc/passwd\"}", 0xC0, 0xAF);

    assertRefused(body, "the body is not valid UTF-8");
  }

  @Test
  void theLargestCharactersOfEachLengthAreValidUtf8() {
    byte[] body =
        utf8With("{\"body\":\"?\"}", 0x7F, 0xDF, 0xBF, 0xEF, 0xBF, 0xBD, 0xF4, 0x8F, 0xBF, 0xBF);

    assertThat(JsonRequest.parse(body, MESSAGE).text("body"))
        .isEqualTo("\u007F\u07FF\uFFFD\uDBFF\uDFFF");
  }

  @Test
  void aLoneSurrogateEscapeIsMalformedJsonWhereverItIs() {
    for (String body :
        List.of(
            "{\"body\":\"\\uD800\"}",
            "{\"body\":\"a\\uDC00b\"}",
            "{\"body\":\"\\uDC00\\uD800\"}",
            "{\"body\":\"\\uD83E\"}",
            "{\"\\uD800\":\"hi\"}",
            "{\"body\":[\"ok\",\"\\uDBFF\"]}",
            "{\"body\":{\"x\":[\"\\uD800\"]}}")) {
      assertRefused(body, "the body holds an unpaired surrogate escape (\\uD800-\\uDFFF)");
    }
  }

  @Test
  void aSurrogatePairEscapeIsOneCharacter() {
    assertThat(JsonRequest.parse(bytes("{\"body\":\"\\uD83E\\uDD89\"}"), MESSAGE).text("body"))
        .isEqualTo("\uD83E\uDD89");
  }

  @Test
  void aBodyInUtf16IsNotAcceptedAsJson() {
    byte[] utf16 = "{\"body\":\"hi\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    Problems.Answer answer = Problems.of(catchThrowable(() -> JsonRequest.parse(utf16, MESSAGE)));

    assertThat(answer.code()).isEqualTo("malformed_json");
  }

  @Test
  void controlAndBidiCharactersAreValidJsonAndLeftToTheFieldsOwnRule() {
    JsonRequest request = JsonRequest.parse(bytes("{\"body\":\"a\\u0000b\u202Ec\"}"), MESSAGE);

    assertThat(request.text("body")).isEqualTo("a\u0000b\u202Ec");
  }

  @Test
  void anUnknownFieldIsMalformedAndNamed() {
    assertRefused("{\"body\":\"hi\",\"sender\":\"me\"}", "unknown field 'sender'");
    assertRefused("{\"sender\":null}", "unknown field 'sender'");
    assertRefused("{\"sender\":1,\"from\":2}", "unknown field 'sender'");
    assertRefused("{\"Body\":\"hi\"}", "unknown field 'Body'");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAsSuchBeforeItsFieldsAreLookedAt() {
    assertRefused("{\"sender\":\"me\"} x", "the body is not valid JSON");
    assertRefused("[\"hi\"] x", "the body is not valid JSON");
  }

  @Test
  void aStringFieldHoldingAnotherTypeIsMalformed() {
    for (String value : List.of("42", "4.2", "true", "[\"hi\"]", "[]", "{\"text\":\"hi\"}", "{}")) {
      JsonRequest request = JsonRequest.parse(bytes("{\"body\":" + value + "}"), MESSAGE);

      assertRefused(request::text, "body", "field 'body' must be a string");
    }
  }

  @Test
  void anArrayOfStringsHoldingAnythingElseIsMalformed() {
    for (String value :
        List.of(
            "\"bob\"",
            "42",
            "{\"handle\":\"bob\"}",
            "[\"bob\",42]",
            "[\"bob\",null]",
            "[[\"bob\"]]",
            "[{\"handle\":\"bob\"}]")) {
      JsonRequest request = JsonRequest.parse(bytes("{\"members\":" + value + "}"), GROUP);

      assertRefused(request::texts, "members", "field 'members' must be an array of strings");
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(UTF_8);
  }

  /**
   * The JSON's UTF-8 with each {@code ?} replaced by the given bytes, in order: by one byte each
   * while there are as many bytes as {@code ?}s, else the one {@code ?} by all of them.
   */
  private static byte[] utf8With(String json, int... replacements) {
    byte[] bytes = bytes(json);
    long marks = json.chars().filter(c -> c == '?').count();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int next = 0;
    for (byte b : bytes) {
      if (b != '?') {
        out.write(b);
      } else if (marks == replacements.length) {
        out.write(replacements[next++]);
      } else {
        for (int r : replacements) {
          out.write(r);
        }
      }
    }
    return out.toByteArray();
  }

  private static void assertRefused(String body, String detail) {
    assertRefused(bytes(body), detail);
  }

  /** A message body, refused before any of its fields is read. */
  private static void assertRefused(byte[] body, String detail) {
    assertAnswer(() -> JsonRequest.parse(body, MESSAGE), detail);
  }

  private static void assertRefused(Consumer<String> read, String field, String detail) {
    assertAnswer(() -> read.accept(field), detail);
  }

  /** The problem a client is answered: API.md's 400 {@code malformed_json}, with this detail. */
  private static void assertAnswer(Runnable request, String detail) {
    Problems.Answer answer = Problems.of(catchThrowable(request::run));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("malformed_json");
    assertThat(answer.detail()).isEqualTo(detail);
  }
}
