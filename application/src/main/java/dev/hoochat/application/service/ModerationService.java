package dev.hoochat.application.service;

import dev.hoochat.application.port.in.MuteAuthorUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.ReportMessageUseCase;
import dev.hoochat.application.port.in.UnsendMessageUseCase;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.message.HideThreshold;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: unsend, report (and hide), mute a message's author — each without storing or showing
 * who wrote the message or who reported it (docs/anonymity.md).
 *
 * <ul>
 *   <li><b>Unsend</b> asks the message's tag whether the caller wrote it ({@link
 *       SenderKey#isSender}); the log stores no author to ask.
 *   <li><b>Report</b> stores {@link SenderKey#reportKey}, an HMAC of group, message and reporter:
 *       repeats count once, and nothing stored names the reporter.
 *   <li><b>Mute</b> finds the author's {@link SenderKey#muteKey} by checking the message's tag
 *       against every member, all of them whatever the answer (the time taken does not depend on
 *       who wrote it); an author who is no longer a member gets a random decoy key, so the same
 *       write is made either way. The owner is answered the same in every case. The mute is a
 *       change of the group ({@link Group#mute}): written like a membership change — optimistic, in
 *       the group's turn, through the cached group — so that a post's read of its group sees it,
 *       with no read of its own.
 * </ul>
 *
 * <p>A redaction and its push run in the group's turn ({@link GroupLocks}), like a post, so that
 * every connection receives the {@code unsent}/{@code hidden} event after the message itself and in
 * order with the group's other pushes, and the cached window's delete is ordered with the appends.
 * Log lines name the group and the message, never a member.
 */
public final class ModerationService
    implements UnsendMessageUseCase, ReportMessageUseCase, MuteAuthorUseCase {
  private static final Logger log = LoggerFactory.getLogger(ModerationService.class);
  private static final int ATTEMPTS = 8;

  private final GroupStore groups;
  private final MessageLog messages;
  private final GroupTurns turns;
  private final FanOut fanOut;
  private final SenderKey senderKey;
  private final Clock clock;
  private final IdSource ids;

  public ModerationService(
      GroupStore groups,
      MessageLog messages,
      GroupLocks locks,
      FanOut fanOut,
      SenderKey senderKey,
      Clock clock,
      IdSource ids) {
    this.groups = groups;
    this.messages = messages;
    this.turns = new GroupTurns(locks);
    this.fanOut = fanOut;
    this.senderKey = senderKey;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public void unsend(Principal caller, GroupId groupId, MessageId messageId) {
    Group group = member(groupId, caller);
    Message message = retained(group, messageId);
    if (!senderKey.isSender(message, caller.userId())) {
      throw new RefusedException(Problem.NOT_AUTHOR, "only its author may unsend a message");
    }
    redact(group, message, MessageState.UNSENT);
  }

  @Override
  public void report(Principal caller, GroupId groupId, MessageId messageId) {
    Group group = member(groupId, caller);
    Message message = retained(group, messageId);
    ReportKey key = senderKey.reportKey(group.id(), message.id(), caller.userId());
    int reporters = messages.report(group.id(), message.seq(), key);
    if (message.isShown() && HideThreshold.isReached(reporters, group.members().size())) {
      redact(group, message, MessageState.HIDDEN);
    }
  }

  @Override
  public void muteAuthor(MuteAuthor command) {
    Group group = member(command.groupId(), command.caller());
    if (!group.ownerId().equals(command.caller().userId())) {
      throw new RefusedException(Problem.NOT_OWNER, "only the group's owner may mute");
    }
    Message message = retained(group, command.messageId());
    for (int attempt = 1; ; attempt++) {
      // The author is looked for among the members of the copy that is written, so a member who
      // joins or leaves meanwhile is judged as the write leaves them.
      Optional<UserId> author = senderKey.authorAmong(message, group.memberIds());
      // Both keys are made every time, so the work does not depend on whether the author is found.
      MuteKey decoy = MuteKey.decoy(ids.randomBytes(32));
      MuteKey found = senderKey.muteKey(group.id(), author.orElse(command.caller().userId()));
      Instant now = clock.now();
      Group muted =
          group.mute(
              author.isPresent() ? found : decoy,
              now.plus(command.duration().duration()),
              command.caller().userId(),
              now);
      try {
        turns.inTurn(
            group.id(),
            () -> {
              groups.update(muted);
              return null;
            });
        log.info("event=author_muted group={} message={}", group.id(), message.id());
        return;
      } catch (StaleGroupException e) {
        if (attempt >= ATTEMPTS) {
          log.warn("event=group_contended attempts={} reason=\"{}\"", attempt, e.getMessage());
          throw new RefusedException(
              Problem.UNAVAILABLE,
              "the group is changing too fast; nothing was changed, try again");
        }
        group = member(command.groupId(), command.caller());
      }
    }
  }

  private void redact(Group group, Message message, MessageState to) {
    turns.inTurn(
        group.id(),
        () -> {
          if (messages.redact(group.id(), message.seq(), to)) {
            Pusher.GroupEvent event =
                to == MessageState.UNSENT
                    ? new Pusher.GroupEvent.Unsent(group.id(), message.id(), message.seq())
                    : new Pusher.GroupEvent.Hidden(group.id(), message.id(), message.seq());
            fanOut.announce(group, event);
            log.info(
                "event=message_{} group={} seq={}",
                to == MessageState.UNSENT ? "unsent" : "hidden",
                group.id(),
                message.seq());
          }
          return null;
        });
  }

  private Message retained(Group group, MessageId id) {
    return messages.window(group.id()).messages().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> new RefusedException(Problem.MESSAGE_NOT_FOUND, "no message " + id + " here"));
  }

  private Group member(GroupId id, Principal caller) {
    return groups.findById(id).orElseThrow(() -> Group.notFound(id)).visibleTo(caller.userId());
  }
}
