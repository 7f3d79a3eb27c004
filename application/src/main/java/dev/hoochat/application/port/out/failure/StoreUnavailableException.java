package dev.hoochat.application.port.out.failure;

/**
 * The store could not answer (unreachable, throttled, timed out). Whatever the request was writing
 * was not written; the caller may try again.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
