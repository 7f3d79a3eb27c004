package dev.hoochat.api;

import java.util.Objects;

/**
 * A request refused for how it arrived, before any use case sees it: a body that is not the JSON
 * the endpoint takes, a body or frame too large, a query parameter that is not a number. These are
 * the transport's refusals; the core's own are {@link dev.hoochat.domain.RefusedException}s.
 */
public final class WireRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Each wire-level refusal, with the API's code and its HTTP status. */
  public enum Reason {
    MALFORMED_JSON("malformed_json", 400),
    /** Not in API.md's table: {@code ?after=} is not a whole number of 0 or more. */
    INVALID_AFTER("invalid_after", 400),
    PAYLOAD_TOO_LARGE("payload_too_large", 413);

    private final String code;
    private final int status;

    Reason(String code, int status) {
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;

  public WireRefusal(Reason reason, String detail) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
