package dev.hoochat.domain;

/**
 * The refusals of the public API, each with its machine-readable code and the kind of failure it
 * is. Inbound adapters turn the kind into their own status codes; nothing here knows HTTP, and
 * refusals of how a request arrived (malformed JSON, a body too large) belong to the API adapters.
 */
public enum Problem {
  INVALID_HANDLE("invalid_handle", Kind.INVALID),
  INVALID_PASSWORD("invalid_password", Kind.INVALID),
  INVALID_NAME("invalid_name", Kind.INVALID),
  INVALID_BODY("invalid_body", Kind.INVALID),
  INVALID_CLIENT_MESSAGE_ID("invalid_client_message_id", Kind.INVALID),
  /** An invite's {@code maxUses} is not 1–256 or its {@code ttlSeconds} not 60–604800. */
  INVALID_INVITE("invalid_invite", Kind.INVALID),
  /** A mute's {@code minutes} is not 1–10080. */
  INVALID_MUTE("invalid_mute", Kind.INVALID),
  UNAUTHENTICATED("unauthenticated", Kind.UNAUTHENTICATED),
  INVALID_CREDENTIALS("invalid_credentials", Kind.UNAUTHENTICATED),
  NOT_OWNER("not_owner", Kind.FORBIDDEN),
  /** Only a message's author may unsend it. */
  NOT_AUTHOR("not_author", Kind.FORBIDDEN),
  /** The group's owner muted the caller's posts to this group for a while. */
  MUTED("muted", Kind.FORBIDDEN),
  GROUP_NOT_FOUND("group_not_found", Kind.NOT_FOUND),
  UNKNOWN_HANDLE("unknown_handle", Kind.NOT_FOUND),
  MEMBER_NOT_FOUND("member_not_found", Kind.NOT_FOUND),
  /** No such message among the group's retained ones. */
  MESSAGE_NOT_FOUND("message_not_found", Kind.NOT_FOUND),
  /** Unknown, expired, revoked and used-up invite codes alike. */
  INVITE_NOT_FOUND("invite_not_found", Kind.NOT_FOUND),
  HANDLE_TAKEN("handle_taken", Kind.CONFLICT),
  ALREADY_MEMBER("already_member", Kind.CONFLICT),
  GROUP_FULL("group_full", Kind.UNPROCESSABLE),
  /** The caller owns as many groups as a user may; founding one more is refused. */
  OWNED_GROUP_LIMIT("owned_group_limit", Kind.UNPROCESSABLE),
  /** A user (the caller or one being added) is in as many groups as a user may be. */
  JOINED_GROUP_LIMIT("joined_group_limit", Kind.UNPROCESSABLE),
  RATE_LIMITED("rate_limited", Kind.RATE_LIMITED),
  /** The user has as many WebSockets open as a user may; the new one is refused. */
  TOO_MANY_CONNECTIONS("too_many_connections", Kind.RATE_LIMITED),
  UNAVAILABLE("unavailable", Kind.UNAVAILABLE);

  /** What sort of refusal a problem is; one inbound mapping per kind. */
  public enum Kind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    UNPROCESSABLE,
    RATE_LIMITED,
    UNAVAILABLE
  }

  private final String code;
  private final Kind kind;

  Problem(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }
}
