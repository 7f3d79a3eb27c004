package dev.hoochat.adapters.system;

import dev.hoochat.application.port.out.IdSource;
import java.security.SecureRandom;
import java.util.Base64;

/** Outbound adapter: ids of 128 random bits, URL-safe base64 (22 characters). */
public final class SecureRandomIdSourceAdapter implements IdSource {
  private final SecureRandom random = new SecureRandom();

  @Override
  public String newId() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
  }

  @Override
  public byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
