package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.Seq;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Test fake: each group's window, its seq counter and its idempotency records, under one lock. */
public final class FakeMessageLog implements MessageLog {
  private final Map<GroupId, MessageWindow> windows = new HashMap<>();
  private final Map<GroupId, Long> lastSeq = new HashMap<>();
  private final Map<String, Message> byClientId = new HashMap<>();
  private final AtomicInteger windowReads = new AtomicInteger();
  private final AtomicInteger deletions = new AtomicInteger();

  @Override
  public synchronized Appended append(NewMessage draft) {
    Optional<String> idempotencyKey = draft.retryKey().map(k -> draft.groupId() + "|" + k.value());
    if (idempotencyKey.isPresent() && byClientId.containsKey(idempotencyKey.get())) {
      return new Appended(byClientId.get(idempotencyKey.get()), false);
    }
    long seq = lastSeq.merge(draft.groupId(), 1L, Long::sum);
    Message message =
        new Message(
            draft.id(),
            draft.groupId(),
            new Seq(seq),
            draft.body(),
            draft.sentAt(),
            draft.sender(),
            draft.retryKey());
    windows.merge(
        draft.groupId(), MessageWindow.empty().append(message), (w, x) -> w.append(message));
    idempotencyKey.ifPresent(k -> byClientId.put(k, message));
    return new Appended(message, true);
  }

  @Override
  public synchronized MessageWindow window(GroupId group) {
    windowReads.incrementAndGet();
    return windows.getOrDefault(group, MessageWindow.empty());
  }

  @Override
  public synchronized void deleteAll(GroupId group) {
    deletions.incrementAndGet();
    windows.remove(group);
    byClientId.keySet().removeIf(k -> k.startsWith(group + "|"));
  }

  /** Whether the log holds anything of the group (its messages or its counter aside). */
  public synchronized boolean holdsMessagesOf(GroupId group) {
    return windows.containsKey(group);
  }

  public int windowReads() {
    return windowReads.get();
  }

  public int deletions() {
    return deletions.get();
  }
}
