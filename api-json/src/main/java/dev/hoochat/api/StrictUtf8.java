package dev.hoochat.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as RFC 3629 defines it and nothing more, in both directions: what a client sends is decoded
 * by the JDK's decoder with every error reported, never replaced. Refused: overlong forms (C0 AF
 * for {@code /}, E0 80 AF, …), surrogates encoded on their own (ED A0 80) or in pairs (CESU-8),
 * code points above U+10FFFF, the bytes C0, C1 and F5-FF, stray continuation bytes and truncated
 * sequences. A decoder that accepts overlong forms lets a character pass every check written
 * against its real encoding and then turn into itself after decoding; so input is decoded once,
 * strictly, before anything reads it.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** The characters of {@code bytes}, or {@code malformed_json} naming {@code what} is wrong. */
  public static char[] decode(byte[] bytes, String what) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      char[] decoded = new char[chars.remaining()];
      chars.get(decoded);
      return decoded;
    } catch (CharacterCodingException e) {
      throw JsonRequest.malformed(what + " is not valid UTF-8");
    }
  }

  /**
   * The UTF-8 of a text that arrived already decoded (an API Gateway event's body), or {@code
   * malformed_json} when it holds an unpaired surrogate: {@link String#getBytes} would silently
   * write {@code ?} for it.
   */
  public static byte[] encode(String text, String what) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] encoded = new byte[bytes.remaining()];
      bytes.get(encoded);
      return encoded;
    } catch (CharacterCodingException e) {
      throw JsonRequest.malformed(what + " is not valid Unicode text (an unpaired surrogate)");
    }
  }
}
