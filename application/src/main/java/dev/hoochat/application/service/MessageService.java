package dev.hoochat.application.service;

import dev.hoochat.application.port.in.MutedException;
import dev.hoochat.application.port.in.PostMessageUseCase;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.RateLimitedException;
import dev.hoochat.application.port.in.ReadMessagesUseCase;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: post a message and read a group's history. The sender is stored only as a {@link
 * SenderTag} salted for that one message (and a retry key, if the client named the post), so that
 * nothing stored links two messages of one sender; {@code mine} is worked out by recomputing the
 * reader's tag for each message.
 *
 * <p>One post, steady state, touches: the cached group (membership, the member list and the group's
 * mutes), the message log (the writes it needs), the cached window (one append), the cached
 * connections of all members (one batched read) and the pusher: two cache reads in all. Log lines
 * name the group and the message, never the sender.
 *
 * <p>Order: API.md promises every connection a group's messages in {@code seq} order. The append
 * (which numbers the message) and the hand-over to the pusher happen under the group's {@link
 * GroupLocks} lease, so message n is queued to every connection before message n + 1 is numbered —
 * across processes too, when the locks live in the shared store (many Lambda execution
 * environments). Clients do not reorder.
 */
public final class MessageService implements PostMessageUseCase, ReadMessagesUseCase {
  private static final Logger log = LoggerFactory.getLogger(MessageService.class);

  private final GroupStore groups;
  private final MessageLog messages;
  private final GroupTurns turns;
  private final FanOut fanOut;
  private final SenderKey senderKey;
  private final PostRateLimit rateLimit;
  private final Clock clock;
  private final IdSource ids;

  public MessageService(
      GroupStore groups,
      MessageLog messages,
      GroupLocks locks,
      FanOut fanOut,
      SenderKey senderKey,
      PostRateLimit rateLimit,
      Clock clock,
      IdSource ids) {
    this.groups = groups;
    this.messages = messages;
    this.turns = new GroupTurns(locks);
    this.fanOut = fanOut;
    this.senderKey = senderKey;
    this.rateLimit = rateLimit;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Posted post(PostMessage command) {
    Group group = member(command.groupId(), command.caller());
    checkNotMuted(group, command.caller().userId());
    Optional<Duration> wait = rateLimit.tryAcquire(command.caller().userId());
    if (wait.isPresent()) {
      throw new RateLimitedException(wait.get());
    }
    MessageId id = new MessageId(ids.newId());
    UserId sender = command.caller().userId();
    MessageLog.NewMessage draft =
        new MessageLog.NewMessage(
            group.id(),
            id,
            command.body(),
            clock.now(),
            senderKey.tag(group.id(), sender),
            command.clientMessageId().map(c -> senderKey.retryKey(group.id(), sender, c)));
    // Unavailable store or a group held too long elsewhere: 503 before anything is written.
    return turns.inTurn(
        group.id(),
        () -> {
          MessageLog.Appended appended = messages.append(draft);
          if (appended.created()) {
            fanOut.deliver(group, appended.message(), command.caller().userId());
            log.debug("event=message_posted group={} seq={}", group.id(), appended.message().seq());
          }
          return new Posted(appended.message(), appended.created());
        });
  }

  @Override
  public History read(ReadMessages command) {
    Group group = member(command.groupId(), command.caller());
    MessageWindow window = messages.window(group.id());
    MessageWindow.Slice slice =
        command.after().isPresent() ? window.after(command.after().getAsLong()) : window.all();
    UserId reader = command.caller().userId();
    return new History(
        slice.messages().stream().map(m -> view(m, reader)).toList(),
        slice.oldestSeq(),
        slice.latestSeq(),
        slice.gap());
  }

  /**
   * A shown message answers {@code mine}; an unsent or hidden one has neither body nor {@code mine}
   * — not even for its author, so that a redaction looks the same to every reader.
   */
  private MessageView view(Message m, UserId reader) {
    if (!m.isShown()) {
      return new MessageView(m.id(), m.seq(), Optional.empty(), m.sentAt(), false, m.state());
    }
    return new MessageView(
        m.id(), m.seq(), m.body(), m.sentAt(), senderKey.isSender(m, reader), m.state());
  }

  /**
   * A muted author's posts are refused until the mute ends. The mutes came with the group the post
   * read anyway, so the check reads nothing more; the poster's own mute key (an HMAC of group and
   * poster) is computed for every post alike.
   */
  private void checkNotMuted(Group group, UserId poster) {
    Instant now = clock.now();
    Optional<Instant> until = group.mutedUntil(senderKey.muteKey(group.id(), poster), now);
    if (until.isPresent()) {
      throw new MutedException(Duration.between(now, until.get()));
    }
  }

  private Group member(GroupId id, Principal caller) {
    return groups.findById(id).orElseThrow(() -> Group.notFound(id)).visibleTo(caller.userId());
  }
}
