package dev.hoochat.adapters.memory;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Outbound adapter: keeps each group's message window in this process, and nothing older: a group
 * costs at most {@value MessageWindow#CAPACITY} messages.
 *
 * <p>An append runs inside {@link ConcurrentMap#compute} for its group, which serialises the
 * appends of one group (numbering without gaps or duplicates) while other groups proceed. Windows
 * are immutable, so readers need no lock and always see a whole one.
 *
 * <p>Idempotency rule: a retry is recognised by looking for its retry key among the retained
 * messages. Once the first message has fallen out of the window its retry is stored as a new
 * message; a client that retries after a hundred newer messages has other problems.
 */
public final class MemoryMessageLogAdapter implements MessageLog {
  private final ConcurrentMap<GroupId, MessageWindow> windows = new ConcurrentHashMap<>();
  private final ConcurrentMap<GroupId, Map<Long, Set<ReportKey>>> reports =
      new ConcurrentHashMap<>();

  @Override
  public Appended append(NewMessage draft) {
    Appended[] answer = new Appended[1];
    windows.compute(
        draft.groupId(),
        (group, stored) -> {
          MessageWindow window = stored == null ? MessageWindow.empty() : stored;
          Optional<Message> first = retried(window, draft);
          if (first.isPresent()) {
            answer[0] = new Appended(first.get(), false);
            return window;
          }
          Message message =
              new Message(
                  draft.id(),
                  group,
                  new Seq(window.latestSeq() + 1),
                  draft.body(),
                  draft.sentAt(),
                  draft.sender(),
                  draft.retryKey());
          answer[0] = new Appended(message, true);
          MessageWindow grown = window.append(message);
          Map<Long, Set<ReportKey>> ofGroup = reports.get(group);
          if (ofGroup != null) {
            synchronized (ofGroup) {
              ofGroup.keySet().removeIf(seq -> seq < grown.oldestSeq());
            }
          }
          return grown;
        });
    return answer[0];
  }

  @Override
  public MessageWindow window(GroupId group) {
    return windows.getOrDefault(group, MessageWindow.empty());
  }

  @Override
  public void deleteAll(GroupId group) {
    windows.remove(group);
    reports.remove(group);
  }

  @Override
  public boolean redact(GroupId group, Seq seq, MessageState to) {
    boolean[] done = new boolean[1];
    windows.computeIfPresent(
        group,
        (g, window) -> {
          List<Message> changed = new ArrayList<>(window.messages().size());
          for (Message m : window.messages()) {
            if (m.seq().equals(seq) && m.isShown()) {
              changed.add(m.redacted(to));
              done[0] = true;
            } else {
              changed.add(m);
            }
          }
          return done[0] ? new MessageWindow(changed) : window;
        });
    return done[0];
  }

  @Override
  public int report(GroupId group, Seq seq, ReportKey reporter) {
    int[] count = new int[1];
    windows.computeIfPresent(
        group,
        (g, window) -> {
          if (window.messages().stream().anyMatch(m -> m.seq().equals(seq))) {
            Map<Long, Set<ReportKey>> ofGroup =
                reports.computeIfAbsent(g, unused -> new HashMap<>());
            synchronized (ofGroup) {
              Set<ReportKey> keys = ofGroup.computeIfAbsent(seq.value(), unused -> new HashSet<>());
              keys.add(reporter);
              count[0] = keys.size();
            }
          }
          return window;
        });
    return count[0];
  }

  private static Optional<Message> retried(MessageWindow window, NewMessage draft) {
    if (draft.retryKey().isEmpty()) {
      return Optional.empty();
    }
    for (Message m : window.messages()) {
      if (m.retryKey().equals(draft.retryKey())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
