package dev.hoochat.domain;

import java.util.Objects;

/** A request the chat refuses for a reason the caller can act on; carries the API's problem. */
public class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public RefusedException(Problem problem, String detail) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public Problem problem() {
    return problem;
  }

  public String detail() {
    return getMessage();
  }
}
