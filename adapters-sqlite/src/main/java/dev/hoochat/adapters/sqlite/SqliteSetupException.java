package dev.hoochat.adapters.sqlite;

/**
 * The data directory or its database cannot be used as it is: unwritable, held by another process,
 * written by a newer HooChat, corrupt, or not HooChat's. The message is one line for an operator
 * and says what to do.
 */
public final class SqliteSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqliteSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
