package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.Seq;
import java.util.Optional;
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
          return window.append(message);
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
  }

  private static Optional<Message> retried(MessageWindow window, NewMessage draft) {
    if (draft.retryKey().isEmpty()) {
      return Optional.empty();
    }
    return window.messages().stream()
        .filter(m -> m.retryKey().equals(draft.retryKey()))
        .findFirst();
  }
}
