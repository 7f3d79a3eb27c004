package dev.hoochat.application.security;

import dev.hoochat.application.port.out.IdSource;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes passwords with PBKDF2-HMAC-SHA256 and a random salt. The cost (iterations) is a setting:
 * high in production (OWASP suggests 600,000), low in tests. The encoded hash names its own cost,
 * so raising the setting does not lock anyone out.
 */
public final class PasswordHashing {
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final IdSource random;
  private final String decoy;

  public PasswordHashing(int iterations, IdSource random) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
    this.random = random;
    // Random bytes in place of a derived key: checking against it costs what checking a real hash
    // of this cost does, and nothing matches it. Deriving one here would cost a whole password
    // check (most of a second in production) at every start, cold Lambda starts included.
    this.decoy = encode(random.randomBytes(SALT_BYTES), random.randomBytes(HASH_BITS / 8));
  }

  public String hash(String password) {
    byte[] salt = random.randomBytes(SALT_BYTES);
    return encode(salt, derive(password, salt, iterations));
  }

  private String encode(byte[] salt, byte[] derived) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derived);
  }

  /** Compares in constant time; a malformed hash matches nothing. */
  public boolean matches(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int cost = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, cost));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Spends as long as checking a real password, so that an unknown handle is not told apart from a
   * wrong password by timing.
   */
  public void spendAsIfChecking(String password) {
    matches(password, decoy);
  }

  private static byte[] derive(String password, byte[] salt, int cost) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, cost, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
