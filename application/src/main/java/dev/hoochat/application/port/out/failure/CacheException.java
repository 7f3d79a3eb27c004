package dev.hoochat.application.port.out.failure;

/** The cache did not answer in time or answered with an error. It is never a source of truth. */
public class CacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
