package dev.hoochat.adapters.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's two keys, kept in the data directory when the operator configured none, so that
 * tokens and {@code mine} survive a restart. The file ({@value #NAME}, {@code rw-------}) is in the
 * environment's own words, one {@code NAME=base64} line per key, so an operator can move the keys
 * into the environment or a secret store as they are:
 *
 * <pre>
 * HOOCHAT_TOKEN_KEY=…
 * HOOCHAT_SENDER_KEY=…
 * </pre>
 *
 * It is written once, atomically (a temporary file, synced, then renamed), and never rewritten:
 * rotating a key is the operator's decision (docs/anonymity.md).
 */
public final class KeyFile {
  private static final Logger log = LoggerFactory.getLogger(KeyFile.class);

  public static final String NAME = "keys";
  public static final String TOKEN_KEY = "HOOCHAT_TOKEN_KEY";
  public static final String SENDER_KEY = "HOOCHAT_SENDER_KEY";
  private static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  /**
   * The two keys as base64, as {@code HOOCHAT_TOKEN_KEY} and {@code HOOCHAT_SENDER_KEY} hold them.
   */
  public record Keys(String tokenKey, String senderKey) {
    @Override
    public String toString() {
      return "Keys[***]";
    }
  }

  /**
   * Reads the keys in {@code directory}, generating and writing both first if there are none.
   *
   * @throws SqliteSetupException with one line when the file cannot be read, written or parsed
   */
  public static Keys loadOrCreate(Path directory) {
    Path file = directory.resolve(NAME);
    try {
      if (!Files.exists(file)) {
        write(file, generate());
        log.info("event=keys_generated file={}", file);
      }
      tightenIfLoose(file);
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SqliteSetupException(
          "cannot read or write the keys file " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private static Keys generate() {
    SecureRandom random = new SecureRandom();
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] token = new byte[KEY_BYTES];
    byte[] sender = new byte[KEY_BYTES];
    random.nextBytes(token);
    random.nextBytes(sender);
    return new Keys(base64.encodeToString(token), base64.encodeToString(sender));
  }

  private static void write(Path file, Keys keys) throws IOException {
    String text =
        "# HooChat's keys: secret. Tokens and sender tags need them; keep them apart from backups.\n"
            + TOKEN_KEY
            + "="
            + keys.tokenKey()
            + "\n"
            + SENDER_KEY
            + "="
            + keys.senderKey()
            + "\n";
    Path temporary = file.resolveSibling(NAME + ".tmp");
    Files.deleteIfExists(temporary);
    boolean posix =
        Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
    if (posix) {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(temporary);
    }
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file);
    }
  }

  /** A restored or copied key file may have lost its mode; a secret stays owner-only. */
  private static void tightenIfLoose(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
      view.setPermissions(OWNER_ONLY);
      log.warn("event=keys_permissions_tightened file={} now=rw-------", file);
    }
  }

  private static Keys parse(Path file, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals > 0) {
        values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
      }
    }
    String token = values.get(TOKEN_KEY);
    String sender = values.get(SENDER_KEY);
    if (token == null || sender == null || token.isEmpty() || sender.isEmpty()) {
      throw new SqliteSetupException(
          "the keys file "
              + file
              + " lacks "
              + (token == null || token.isEmpty() ? TOKEN_KEY : SENDER_KEY)
              + "; restore it from where you keep it, or set the keys in the environment",
          null);
    }
    return new Keys(token, sender);
  }
}
