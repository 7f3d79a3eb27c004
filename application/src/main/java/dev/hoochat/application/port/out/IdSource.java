package dev.hoochat.application.port.out;

/** Outbound port: fresh, unguessable, URL-safe ids and salts. */
public interface IdSource {

  /** A new id: 1-128 of {@code A-Z a-z 0-9 _ -}, unique for all practical purposes. */
  String newId();

  /** {@code length} random bytes from a cryptographically strong source. */
  byte[] randomBytes(int length);
}
