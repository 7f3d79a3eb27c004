package dev.hoochat.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The strict-input rules as a client meets them on the wire: invalid UTF-8 and unpaired surrogates
 * are {@code malformed_json}; control and bidirectional formatting characters are the field's own
 * problem; ordinary text of every script passes. For request bodies and WebSocket frames alike.
 */
class StrictInputTest {
  private static final Principal ALICE = new Principal(new UserId("alice-1"), new Handle("alice"));

  @Test
  void aFrameWithInvalidUtf8GetsAMalformedJsonErrorFrame() throws IOException {
    byte[] frame =
        concat(
            "{\"action\":\"sendMessage\",\"groupId\":\"g-1\",\"body\":\"..",
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            "etc\",\"clientMessageId\":\"c-1\"}");
    SendMessageFrame send = new SendMessageFrame(frame);

    Map<String, String> error = fields(send.error(catchThrowable(() -> send.command(ALICE))));

    assertThat(error)
        .containsEntry("type", "error")
        .containsEntry("code", "malformed_json")
        .containsEntry("detail", "the body is not valid UTF-8");
  }

  @Test
  void aFrameWhoseBodyHoldsABidiOverrideGetsAnInvalidBodyErrorFrameNamingItsMessage()
      throws IOException {
    SendMessageFrame send =
        new SendMessageFrame(
            utf8(
                "{\"action\":\"sendMessage\",\"groupId\":\"g-1\","
                    + "\"body\":\"see \u202Egpj.exe\",\"clientMessageId\":\"c-2\"}"));

    Map<String, String> error = fields(send.error(catchThrowable(() -> send.command(ALICE))));

    assertThat(error)
        .containsEntry("code", "invalid_body")
        .containsEntry("clientMessageId", "c-2")
        .hasEntrySatisfying(
            "detail",
            d ->
                assertThat(d)
                    .contains("bidirectional")
                    .contains("U+202E")
                    .doesNotContain("\u202E"));
  }

  @Test
  void aFrameWhoseBodyHoldsAnEscapedNulGetsAnInvalidBodyErrorFrame() throws IOException {
    SendMessageFrame send =
        new SendMessageFrame(
            utf8(
                "{\"action\":\"sendMessage\",\"groupId\":\"g-1\","
                    + "\"body\":\"a\\u0000b\",\"clientMessageId\":\"c-3\"}"));

    Map<String, String> error = fields(send.error(catchThrowable(() -> send.command(ALICE))));

    assertThat(error).containsEntry("code", "invalid_body").containsEntry("clientMessageId", "c-3");
    assertThat(error.get("detail")).contains("control characters").contains("U+0000");
  }

  @Test
  void aFrameWithAnUnpairedSurrogateEscapeIsMalformedJson() throws IOException {
    SendMessageFrame send =
        new SendMessageFrame(
            utf8("{\"action\":\"sendMessage\",\"groupId\":\"g-1\",\"body\":\"\\uDEAD\"}"));

    assertThat(fields(send.error(catchThrowable(() -> send.command(ALICE)))))
        .containsEntry("code", "malformed_json");
  }

  @Test
  void aFrameInEveryScriptWithTabsNewlinesAndEmojiIsACommand() {
    String body = "שלום \u0645\u0631\u062D\u0628\u0627 café 日本\tline\nline \uD83E\uDD89\u200D";
    SendMessageFrame send =
        new SendMessageFrame(
            utf8(
                "{\"action\":\"sendMessage\",\"groupId\":\"g-1\",\"body\":\""
                    + body.replace("\t", "\\t").replace("\n", "\\n")
                    + "\"}"));

    PostMessage command = send.command(ALICE);

    assertThat(command.body().text()).isEqualTo(body);
  }

  @Test
  void aTextThatArrivedDecodedIsEncodedStrictly() {
    assertThat(StrictUtf8.encode("caf\u00e9 \uD83E\uDD89", "the body"))
        .isEqualTo("caf\u00e9 \uD83E\uDD89".getBytes(UTF_8));
    Problems.Answer answer =
        Problems.of(catchThrowable(() -> StrictUtf8.encode("{\"body\":\"\uD800\"}", "the body")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("malformed_json");
    assertThat(answer.detail())
        .isEqualTo("the body is not valid Unicode text (an unpaired surrogate)");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  private static byte[] concat(String before, byte[] raw, String after) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(utf8(before));
    out.write(raw);
    out.write(utf8(after));
    return out.toByteArray();
  }

  /** A flat JSON object's string fields. */
  private static Map<String, String> fields(String json) throws IOException {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        fields.put(name, parser.getValueAsString());
      }
    }
    return fields;
  }
}
