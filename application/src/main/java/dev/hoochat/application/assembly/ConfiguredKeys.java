package dev.hoochat.application.assembly;

import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.domain.message.SenderKey;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's keys as every runtime reads them from its configuration: {@code HOOCHAT_TOKEN_KEY}
 * and {@code HOOCHAT_SENDER_KEY}, base64 of at least 32 bytes. A durable store keeps tokens and
 * sender tags meaningful across restarts, so it requires both; the memory store forgets everything
 * anyway, so random keys will do (with a warning).
 */
public final class ConfiguredKeys {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredKeys.class);
  private static final int MIN_BYTES = 32;

  private ConfiguredKeys() {}

  /**
   * @throws IllegalArgumentException with a one-line message for an operator, when a key is
   *     malformed, too short, or missing with a durable store
   */
  public static Secrets secrets(
      Optional<String> tokenKey, Optional<String> senderKey, boolean durable, IdSource ids) {
    byte[] token = key("HOOCHAT_TOKEN_KEY", tokenKey, durable, ids);
    byte[] sender = key("HOOCHAT_SENDER_KEY", senderKey, durable, ids);
    return new Secrets(token, new SenderKey(sender));
  }

  private static byte[] key(
      String name, Optional<String> configured, boolean required, IdSource ids) {
    if (configured.isPresent()) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(configured.get().strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + " must be base64 (e.g. openssl rand -base64 32)", e);
      }
      if (decoded.length < MIN_BYTES) {
        throw new IllegalArgumentException(name + " must decode to at least 32 bytes");
      }
      return decoded;
    }
    if (required) {
      throw new IllegalArgumentException(
          name
              + " is required with a durable store (e.g. "
              + name
              + "=$(openssl rand -base64 32))");
    }
    log.warn(
        "event=random_key key={} effect=\"tokens and sender tags end with this process\"", name);
    return ids.randomBytes(MIN_BYTES);
  }
}
