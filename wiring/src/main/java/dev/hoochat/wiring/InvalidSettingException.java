package dev.hoochat.wiring;

/**
 * A setting that cannot be used as given, or a backend that cannot be opened with it. The message
 * is one line for an operator, naming the option as they wrote it ({@code --port} on the command
 * line, {@code HOOCHAT_PORT} in the environment) and what to do.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }

  public InvalidSettingException(String message, Throwable cause) {
    super(message, cause);
  }
}
