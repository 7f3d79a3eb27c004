package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.Seq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private final Map<String, Set<ReportKey>> reports = new HashMap<>();

  @Override
  public synchronized boolean redact(GroupId group, Seq seq, MessageState to) {
    MessageWindow window = windows.get(group);
    if (window == null) {
      return false;
    }
    List<Message> changed = new ArrayList<>();
    boolean done = false;
    for (Message m : window.messages()) {
      if (m.seq().equals(seq) && m.isShown()) {
        changed.add(m.redacted(to));
        done = true;
      } else {
        changed.add(m);
      }
    }
    windows.put(group, new MessageWindow(changed));
    return done;
  }

  @Override
  public synchronized int report(GroupId group, Seq seq, ReportKey reporter) {
    MessageWindow window = windows.get(group);
    if (window == null || window.messages().stream().noneMatch(m -> m.seq().equals(seq))) {
      return 0;
    }
    Set<ReportKey> keys = reports.computeIfAbsent(group + "|" + seq.value(), k -> new HashSet<>());
    keys.add(reporter);
    return keys.size();
  }

  /** Every value the fake keeps for reports: what a dump of a store would show. */
  public synchronized List<String> storedModerationValues() {
    List<String> values = new ArrayList<>();
    reports.values().forEach(keys -> keys.forEach(k -> values.add(k.value())));
    return values;
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
