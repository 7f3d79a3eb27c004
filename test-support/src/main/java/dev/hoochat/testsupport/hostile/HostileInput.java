package dev.hoochat.testsupport.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a hostile client sends to probe the strict-input rules, shared by the standalone and the
 * Lambda hostile-client tests so that both runtimes meet the same attacks.
 */
public final class HostileInput {
  private HostileInput() {}

  /** A byte sequence no UTF-8 decoder may accept, named for the test report. */
  public record BadUtf8(String name, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Overlong forms, encoded surrogates, code points past U+10FFFF, bytes F5-FF, truncations. */
  public static final List<BadUtf8> INVALID_UTF8 =
      List.of(
          bad("overlong '/' C0 AF", 0xC0, 0xAF),
          bad("overlong NUL C0 80", 0xC0, 0x80),
          bad("three-byte overlong '/' E0 80 AF", 0xE0, 0x80, 0xAF),
          bad("four-byte overlong '/' F0 80 80 AF", 0xF0, 0x80, 0x80, 0xAF),
          bad("surrogate U+D800 encoded ED A0 80", 0xED, 0xA0, 0x80),
          bad("CESU-8 surrogate pair", 0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9),
          bad("past U+10FFFF F4 90 80 80", 0xF4, 0x90, 0x80, 0x80),
          bad("F5", 0xF5, 0x80, 0x80, 0x80),
          bad("FF", 0xFF),
          bad("lone continuation 80", 0x80),
          bad("truncated E2 82", 0xE2, 0x82),
          bad("truncated F0 9F A6 at the end", 0xF0, 0x9F, 0xA6));

  /** A message body whose middle is {@code bad}'s bytes: {@code {"body":"a<bad>b"}}. */
  public static byte[] messageWith(BadUtf8 bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"body\":\"a".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad.bytes());
    out.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Message bodies (as JSON string contents, escapes included) the API refuses with invalid_body.
   * (A raw control character below U+0020 is not even JSON, and is malformed_json.)
   */
  public static final List<String> REFUSED_BODIES =
      List.of(
          "nul \\u0000 inside",
          "escape \\u001b[2J clears a terminal",
          "carriage\\r\\nreturn",
          "del \u007f",
          "c1 \\u009b",
          "photo_\u202Egnp.exe",
          "isolate \\u2067spoof\\u2069",
          "embedding \u202Aleft\u202C");

  /** Group names the API refuses: invalid_name. */
  public static final List<String> REFUSED_NAMES =
      List.of("admins\\u202E", "two\\nlines", "tab\\tname", "\\u0000owls", "bell\\u0007");

  /** Handles the API refuses with a detail naming the class: invalid_handle. */
  public static final List<String> REFUSED_HANDLES = List.of("ali\\u202Ece", "bob\\u0000");

  /**
   * Text the API must keep accepting, as JSON string contents: every script, emoji, tab, newline.
   */
  public static final String ORDINARY_BODY_JSON =
      "caf\u00e9 cr\u00e8me, \u05e9\u05dc\u05d5\u05dd, \u0645\u0631\u062d\u0628\u0627,"
          + " \u65e5\u672c \\uD83E\\uDD89\\u200D \\u2764\\uFE0F\\n\\tindented (\u200F\u05d0\u200F)";

  /** The same text as the server should store and answer it. */
  public static final String ORDINARY_BODY =
      "caf\u00e9 cr\u00e8me, \u05e9\u05dc\u05d5\u05dd, \u0645\u0631\u062d\u0628\u0627,"
          + " \u65e5\u672c \uD83E\uDD89\u200D \u2764\uFE0F\n\tindented (\u200F\u05d0\u200F)";

  /**
   * A bearer token minted as the server mints them ({@code v1.<userId>.<expiry>.<HMAC-SHA256>}),
   * with the server's own base64 key: correctly signed, whatever the expiry says.
   */
  public static String signedToken(String base64Key, String userId, String expiryEpochSeconds) {
    String claims = "v1." + userId + "." + expiryEpochSeconds;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
      byte[] signature = mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
      return claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Absurd expiries a signed token may carry: never a 500, always 401. */
  public static final List<String> ABSURD_EXPIRIES =
      List.of(
          Long.toString(Long.MAX_VALUE),
          Long.toString(Long.MIN_VALUE),
          "31556889864403199", // Instant.MAX
          Long.toString(java.time.Instant.now().getEpochSecond() + 10L * 365 * 24 * 3600));

  private static BadUtf8 bad(String name, int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return new BadUtf8(name, bytes);
  }
}
