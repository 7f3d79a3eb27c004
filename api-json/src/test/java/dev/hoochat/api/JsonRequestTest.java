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
    assertRefused(utf8With("{\"body\":\"?\"}", 0xC3), "the body is not valid JSON");
    assertRefused(utf8With("{\"body\":\"?\"}", 0xFF), "the body is not valid JSON");
    assertRefused(utf8With("{\"body\":\"?\"}", 0x80), "the body is not valid JSON");
    assertRefused(utf8With("{\"?\":\"hi\"}", 0xC3), "the body is not valid JSON");
    // A UTF-16 surrogate encoded on its own is not UTF-8, even inside a value of the wrong type.
    assertRefused(utf8With("{\"body\":\"???\"}", 0xED, 0xA0, 0x80), "the body is not valid JSON");
    assertRefused(
        utf8With("{\"body\":{\"x\":[\"???\"]}}", 0xED, 0xA0, 0x80), "the body is not valid JSON");
    assertRefused(
        utf8With("{\"body\":[\"bob\",\"???\"]}", 0xED, 0xA0, 0x80), "the body is not valid JSON");
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

  /** The JSON's UTF-8 with each {@code ?} replaced, in order, by one of the given bytes. */
  private static byte[] utf8With(String json, int... replacements) {
    byte[] bytes = bytes(json);
    int next = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '?') {
        bytes[i] = (byte) replacements[next++];
      }
    }
    return bytes;
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
