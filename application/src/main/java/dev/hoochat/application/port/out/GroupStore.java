package dev.hoochat.application.port.out;

import static dev.hoochat.application.port.PortOperation.Kind.READ;
import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outbound port: keeps groups with their members and their mutes, and the invites into them. A
 * group is stored whole — {@link Group#mutes()} included, in the same record as its members — so
 * that one read answers both who is in it and who of them is muted. Writes are optimistic: each
 * names the version it was based on, and a store that holds another answers {@link
 * StaleGroupException}.
 */
public interface GroupStore {

  /** Stores a group just founded (version 1). */
  @PortOperation(WRITE)
  void create(Group group);

  /** Membership is security: this read is strongly consistent. */
  @PortOperation(READ)
  Optional<Group> findById(GroupId id);

  /** The groups {@code member} belongs to, in no particular order. */
  @PortOperation(READ)
  List<Group> findByMember(UserId member);

  /**
   * Replaces the group stored at {@code changed.version() - 1} with {@code changed}.
   *
   * @throws StaleGroupException when the stored version is another; nothing is written
   */
  @PortOperation(WRITE)
  void update(Group changed);

  /**
   * Deletes the group if it is still at {@code last.version()}.
   *
   * @throws StaleGroupException when the stored version is another; nothing is deleted
   */
  @PortOperation(WRITE)
  void delete(Group last);

  /** Stores a new invite (its code is fresh: 256 random bits). */
  @PortOperation(WRITE)
  void createInvite(Invite invite);

  /** The invite with this code, live or not. Strongly consistent. */
  @PortOperation(READ)
  Optional<Invite> findInvite(InviteCode code);

  /** Every stored invite of the group, live or not, in no particular order. */
  @PortOperation(READ)
  List<Invite> invitesOf(GroupId group);

  /**
   * Takes one use of the invite, atomically, if it is live at {@code now} (stored, not expired, not
   * used up); answers it after the use, or empty when it was not live. However many redeem one code
   * at once, no more than {@code maxUses} succeed.
   */
  @PortOperation(WRITE)
  Optional<Invite> redeemInvite(InviteCode code, Instant now);

  /** Deletes the invite if it is the group's; answers whether there was one to delete. */
  @PortOperation(WRITE)
  boolean revokeInvite(GroupId group, InviteCode code);
}
