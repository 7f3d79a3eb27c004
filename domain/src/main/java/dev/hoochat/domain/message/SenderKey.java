package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's secret for sender tags and retry keys. Whoever lacks it cannot link a stored message
 * to a person, nor two stored messages to each other; rotating it unlinks every message from {@code
 * mine} for good.
 *
 * <p>A message's tag is {@code salt ‖ HMAC-SHA256(key, 't' ‖ salt ‖ groupId ‖ 0 ‖ userId)} with a
 * fresh random 16-byte salt, so no two messages carry the same tag, even of one sender: a dump of
 * the store or the cache, without this key, shows a different random-looking tag on every message.
 * The server, which has the key, recomputes the reader's MAC with each message's salt to answer
 * {@code mine}. The salt travels inside the tag, so a stored message needs nothing else, and a
 * retry stored under its first attempt's id keeps a tag that still names its sender.
 *
 * <p>Tags written before they were salted (one per person and group, 32 bytes) are still recognised
 * by {@link #isSender}, so {@code mine} stays right on them; they leave the store as their group's
 * window moves on (each group keeps only its 100 newest messages).
 */
public final class SenderKey {
  private static final String HMAC = "HmacSHA256";
  private static final int MIN_BYTES = 32;
  static final int SALT_BYTES = 16;
  private static final int MAC_BYTES = 32;
  private static final byte TAG = 't';
  private static final byte RETRY_KEY = 'r';
  private static final byte REPORT_KEY = 'p';
  private static final byte MUTE_KEY = 'm';
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;
  private final SecureRandom random = new SecureRandom();

  public SenderKey(byte[] secret) {
    if (secret == null || secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("a sender key has at least 32 bytes");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), HMAC);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** A new tag for one message of {@code user} in {@code group}: never the same twice. */
  public SenderTag tag(GroupId group, UserId user) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return tag(group, user, salt);
  }

  /** The tag with a given salt (the salt is the tag's first 16 bytes). */
  SenderTag tag(GroupId group, UserId user, byte[] salt) {
    byte[] tag = Arrays.copyOf(salt, SALT_BYTES + MAC_BYTES);
    System.arraycopy(saltedMac(salt, group, user), 0, tag, SALT_BYTES, MAC_BYTES);
    return new SenderTag(BASE64.encodeToString(tag));
  }

  /**
   * The key a retried post is recognised by: HMAC-SHA256 over {@code 'r' ‖ groupId ‖ 0 ‖ userId ‖ 0
   * ‖ clientMessageId}. The same for a retry, different for every other post.
   */
  public RetryKey retryKey(GroupId group, UserId user, ClientMessageId clientMessageId) {
    Mac mac = macs.get();
    mac.update(RETRY_KEY);
    mac.update(group.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(user.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(clientMessageId.value().getBytes(StandardCharsets.UTF_8));
    return new RetryKey(BASE64.encodeToString(mac.doFinal()));
  }

  /**
   * The trace a report leaves: HMAC-SHA256 over {@code 'p' ‖ groupId ‖ 0 ‖ messageId ‖ 0 ‖ userId}.
   * The same for a member's repeated reports of one message, so they count once; without the key it
   * names neither the reporter nor their other reports.
   */
  public ReportKey reportKey(GroupId group, MessageId message, UserId reporter) {
    Mac mac = macs.get();
    mac.update(REPORT_KEY);
    mac.update(group.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(message.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(reporter.value().getBytes(StandardCharsets.UTF_8));
    return new ReportKey(BASE64.encodeToString(mac.doFinal()));
  }

  /**
   * What a mute of {@code author} in {@code group} is stored under: HMAC-SHA256 over {@code 'm' ‖
   * groupId ‖ 0 ‖ userId}. A poster's own key is recomputed to check their mute; nobody without the
   * key can tell whose it is.
   */
  public MuteKey muteKey(GroupId group, UserId author) {
    Mac mac = macs.get();
    mac.update(MUTE_KEY);
    mac.update(group.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(author.value().getBytes(StandardCharsets.UTF_8));
    return new MuteKey(BASE64.encodeToString(mac.doFinal()));
  }

  /**
   * Which of {@code candidates} sent {@code message}, if any, after checking <em>every</em> one of
   * them: the work done, and so the time taken, does not depend on where the author stands in the
   * list, nor on whether they are in it.
   */
  public java.util.Optional<UserId> authorAmong(
      Message message, java.util.List<UserId> candidates) {
    UserId found = null;
    for (UserId candidate : candidates) {
      boolean sent = isSender(message, candidate);
      if (sent && found == null) {
        found = candidate;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  /**
   * Whether {@code user} sent {@code message}: its tag's MAC is the user's under the tag's salt, or
   * (a tag written before tags were salted) the user's one tag for the whole group. Compared in
   * constant time.
   */
  public boolean isSender(Message message, UserId user) {
    byte[] stored;
    try {
      stored = Base64.getUrlDecoder().decode(message.sender().value());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    if (stored.length == SALT_BYTES + MAC_BYTES) {
      byte[] expected = saltedMac(Arrays.copyOf(stored, SALT_BYTES), message.groupId(), user);
      return java.security.MessageDigest.isEqual(
          expected, Arrays.copyOfRange(stored, SALT_BYTES, stored.length));
    }
    return message.sender().matches(legacyTag(message.groupId(), user));
  }

  /** The tag of every message of one person in one group, as stored before tags were salted. */
  SenderTag legacyTag(GroupId group, UserId user) {
    Mac mac = macs.get();
    mac.update(group.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(user.value().getBytes(StandardCharsets.UTF_8));
    return new SenderTag(BASE64.encodeToString(mac.doFinal()));
  }

  private byte[] saltedMac(byte[] salt, GroupId group, UserId user) {
    Mac mac = macs.get();
    mac.update(TAG);
    mac.update(salt);
    mac.update(group.value().getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(user.value().getBytes(StandardCharsets.UTF_8));
    return mac.doFinal();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SenderKey[***]";
  }
}
