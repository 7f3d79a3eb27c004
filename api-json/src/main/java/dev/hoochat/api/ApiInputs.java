package dev.hoochat.api;

import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.invite.InviteTerms;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MuteDuration;
import dev.hoochat.domain.user.Handle;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How API.md reads what a client sends besides JSON bodies: path ids, handles named in a request,
 * {@code ?after=}, and the size limit. Each refusal is the one API.md lists.
 */
public final class ApiInputs {
  /** Request bodies and WebSocket frames over this are {@code payload_too_large}. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  public static final Set<String> CREDENTIAL_FIELDS = Set.of("handle", "password");
  public static final Set<String> GROUP_FIELDS = Set.of("name", "members");
  public static final Set<String> MEMBER_FIELDS = Set.of("handle");
  public static final Set<String> MESSAGE_FIELDS = Set.of("body", "clientMessageId");
  public static final Set<String> INVITE_FIELDS = Set.of("maxUses", "ttlSeconds");
  public static final Set<String> MUTE_FIELDS = Set.of("minutes");
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private ApiInputs() {}

  /** A malformed id names no group: the same answer as a group that does not exist. */
  public static GroupId groupId(String raw) {
    if (!OpaqueId.isWellFormed(raw)) {
      throw new RefusedException(Problem.GROUP_NOT_FOUND, "no group " + sanitized(raw));
    }
    return new GroupId(raw);
  }

  /** A malformed message id names no message: the same answer as one the group does not keep. */
  public static MessageId messageId(String raw) {
    if (!OpaqueId.isWellFormed(raw)) {
      throw new RefusedException(Problem.MESSAGE_NOT_FOUND, "no message " + sanitized(raw));
    }
    return new MessageId(raw);
  }

  /**
   * A malformed invite code is answered like every other code that lets nobody in: {@code
   * invite_not_found}, without quoting it.
   */
  public static InviteCode inviteCode(String raw) {
    if (!InviteCode.isWellFormed(raw)) {
      throw Invite.notFound();
    }
    return new InviteCode(raw);
  }

  /**
   * The body of {@code POST …/invites}: {@code {"maxUses":1,"ttlSeconds":86400}}, both optional (an
   * empty body is {@code {}}); out of range is {@code invalid_invite}.
   */
  public static InviteTerms inviteTerms(byte[] body) {
    JsonRequest json = JsonRequest.parse(body.length == 0 ? EMPTY_OBJECT : body, INVITE_FIELDS);
    OptionalLong maxUses = json.whole("maxUses");
    if (maxUses.isPresent()
        && (maxUses.getAsLong() < 1 || maxUses.getAsLong() > InviteTerms.MAX_USES)) {
      throw new RefusedException(
          Problem.INVALID_INVITE,
          "maxUses must be 1 to " + InviteTerms.MAX_USES + "; got " + maxUses.getAsLong());
    }
    return InviteTerms.of(
        maxUses.isPresent() ? OptionalInt.of((int) maxUses.getAsLong()) : OptionalInt.empty(),
        json.whole("ttlSeconds"));
  }

  /** The body of {@code POST …/mute-author}: {@code {"minutes":60}}, 1 to 10080, required. */
  public static MuteDuration muteDuration(byte[] body) {
    JsonRequest json = JsonRequest.parse(body.length == 0 ? EMPTY_OBJECT : body, MUTE_FIELDS);
    OptionalLong minutes = json.whole("minutes");
    if (minutes.isEmpty()
        || minutes.getAsLong() < MuteDuration.MIN_MINUTES
        || minutes.getAsLong() > MuteDuration.MAX_MINUTES) {
      throw new RefusedException(
          Problem.INVALID_MUTE,
          "minutes must be "
              + MuteDuration.MIN_MINUTES
              + " to "
              + MuteDuration.MAX_MINUTES
              + (minutes.isPresent() ? "; got " + minutes.getAsLong() : "; it is required"));
    }
    return new MuteDuration((int) minutes.getAsLong());
  }

  /** A handle someone names: one that cannot exist is simply unknown. */
  public static Handle namedHandle(String typed) {
    try {
      return Handle.of(typed);
    } catch (RefusedException e) {
      throw new RefusedException(
          Problem.UNKNOWN_HANDLE, "no user has the handle '" + sanitized(typed) + "'");
    }
  }

  /** {@code ?after=}: absent, or a whole number of 0 or more. */
  public static OptionalLong after(String raw) {
    if (raw == null) {
      return OptionalLong.empty();
    }
    try {
      long after = Long.parseLong(raw);
      if (after >= 0) {
        return OptionalLong.of(after);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new WireRefusal(
        WireRefusal.Reason.INVALID_AFTER, "after must be a whole number of 0 or more");
  }

  /** Client text quoted back in a detail: printable ASCII, at most 64 characters. */
  public static String sanitized(String raw) {
    if (raw == null) {
      return "";
    }
    String printable = raw.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
  }

  /** The refusal of a body declared or found larger than {@link #MAX_BODY_BYTES}. */
  public static WireRefusal tooLarge(String what) {
    return new WireRefusal(
        WireRefusal.Reason.PAYLOAD_TOO_LARGE, what + " is at most " + MAX_BODY_BYTES + " bytes");
  }
}
