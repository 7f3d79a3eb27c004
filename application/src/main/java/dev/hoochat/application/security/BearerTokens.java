package dev.hoochat.application.security;

import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies bearer tokens: {@code v1.<userId>.<expiry epoch seconds>.<HMAC-SHA256>}.
 * Self-contained, so verification needs no I/O; the signature is compared in constant time.
 *
 * <p>A token is refused, signature or not, when its expiry lies further ahead than this server
 * could have issued it: past now + the configured lifetime + {@link #CLOCK_SKEW}. That bounds what
 * a leaked or mis-issued key can mint, keeps every expiry a valid {@link Instant} (an expiry of
 * {@code Long.MAX_VALUE} seconds is not one, and used to fail as a 500) and keeps the cache TTLs
 * derived from it sane. Lowering the lifetime therefore also ends older, longer-lived tokens.
 */
public final class BearerTokens {
  private static final String HMAC = "HmacSHA256";
  private static final String VERSION = "v1";
  private static final int MAX_TOKEN_LENGTH = 512;

  /** How far another server's clock may run ahead of this one's when it issues a token. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final SecretKeySpec key;
  private final Duration lifetime;

  public BearerTokens(byte[] key, Duration lifetime) {
    this.key = new SecretKeySpec(key, HMAC);
    this.lifetime = lifetime;
  }

  public Issued issue(UserId user, Instant now) {
    Instant expiresAt = now.plus(lifetime);
    String claims = VERSION + "." + user.value() + "." + expiresAt.getEpochSecond();
    return new Issued(claims + "." + sign(claims), expiresAt);
  }

  /** The user a token stands for, or {@code unauthenticated}. */
  public Verified verify(String token, Instant now) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw unauthenticated();
    }
    int lastDot = token.lastIndexOf('.');
    if (lastDot < 0) {
      throw unauthenticated();
    }
    String claims = token.substring(0, lastDot);
    byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = sign(claims).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected)) {
      throw unauthenticated();
    }
    String[] parts = claims.split("\\.");
    if (parts.length != 3 || !VERSION.equals(parts[0]) || !OpaqueId.isWellFormed(parts[1])) {
      throw unauthenticated();
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      throw unauthenticated();
    }
    if (expiry > latestExpiry(now)) {
      throw unauthenticated();
    }
    if (expiry <= now.getEpochSecond()) {
      throw new RefusedException(Problem.UNAUTHENTICATED, "the token has expired; sign in again");
    }
    return new Verified(new UserId(parts[1]), Instant.ofEpochSecond(expiry));
  }

  /** The latest expiry, in epoch seconds, a token this server issued could carry now. */
  private long latestExpiry(Instant now) {
    long latest;
    try {
      latest = Math.addExact(now.getEpochSecond(), lifetime.plus(CLOCK_SKEW).getSeconds());
    } catch (ArithmeticException e) {
      latest = Long.MAX_VALUE;
    }
    return Math.min(latest, Instant.MAX.getEpochSecond());
  }

  /** A digest of the token to key caches by: the token itself is never stored. */
  public static String digest(String token) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String sign(String claims) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      byte[] signature = mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static RefusedException unauthenticated() {
    return new RefusedException(Problem.UNAUTHENTICATED, "a valid bearer token is required");
  }

  public record Issued(String token, Instant expiresAt) {}

  public record Verified(UserId userId, Instant expiresAt) {}
}
