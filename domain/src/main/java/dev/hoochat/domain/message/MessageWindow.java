package dev.hoochat.domain.message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The messages a group still has: its {@value #CAPACITY} newest, ascending by {@code seq}. Older
 * ones are gone for good; a reader who asks for what came after an evicted message is told there is
 * a gap.
 */
public record MessageWindow(List<Message> messages) {
  public static final int CAPACITY = 100;

  public MessageWindow {
    if (strictlyAscending(messages)) {
      // The usual case (a window read back, or one message appended): no sorting needed.
      int from = Math.max(0, messages.size() - CAPACITY);
      messages = List.copyOf(from == 0 ? messages : messages.subList(from, messages.size()));
    } else {
      messages = sortedNewest(messages);
    }
  }

  /** By seq, the later of two messages with one seq kept, the {@value #CAPACITY} newest. */
  private static List<Message> sortedNewest(List<Message> messages) {
    TreeMap<Long, Message> bySeq = new TreeMap<>();
    for (Message m : messages) {
      bySeq.put(m.seq().value(), m);
    }
    while (bySeq.size() > CAPACITY) {
      bySeq.pollFirstEntry();
    }
    return List.copyOf(bySeq.values());
  }

  private static boolean strictlyAscending(List<Message> messages) {
    long previous = Long.MIN_VALUE;
    for (Message m : messages) {
      long seq = m.seq().value();
      if (seq <= previous) {
        return false;
      }
      previous = seq;
    }
    return true;
  }

  public static MessageWindow empty() {
    return new MessageWindow(List.of());
  }

  /** The window after {@code message} joins it: the oldest falls out once there are 101. */
  public MessageWindow append(Message message) {
    List<Message> grown = new ArrayList<>(messages);
    grown.add(message);
    return new MessageWindow(grown);
  }

  /** The seq that falls out of the window when {@code seq} is appended, if any. */
  public static OptionalLong evictedBy(Seq seq) {
    long evicted = seq.value() - CAPACITY;
    return evicted >= 1 ? OptionalLong.of(evicted) : OptionalLong.empty();
  }

  /** 0 while the group has no message. */
  public long oldestSeq() {
    return messages.isEmpty() ? 0 : messages.get(0).seq().value();
  }

  /** 0 while the group has no message. */
  public long latestSeq() {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq().value();
  }

  /**
   * Whether this window is the whole truth about a group's recent past: its seqs are contiguous and
   * it either holds {@value #CAPACITY} messages or starts at the group's first. A copy assembled
   * from appends (a cache) that is not complete must be read again from the log.
   */
  public boolean isComplete() {
    if (messages.isEmpty()) {
      return false;
    }
    if (latestSeq() - oldestSeq() + 1 != messages.size()) {
      return false;
    }
    return messages.size() == CAPACITY || oldestSeq() == 1;
  }

  /** Everything retained, for a reader without a position. */
  public Slice all() {
    return new Slice(messages, oldestSeq(), latestSeq(), false);
  }

  /**
   * What a reader who has seen everything up to {@code after} still needs. {@code gap} is true when
   * some messages after {@code after} were already evicted.
   */
  public Slice after(long after) {
    List<Message> newer =
        messages.stream()
            .filter(m -> m.seq().value() > after)
            .sorted(Comparator.comparing(Message::seq))
            .toList();
    boolean gap = !messages.isEmpty() && oldestSeq() > after + 1;
    return new Slice(newer, oldestSeq(), latestSeq(), gap);
  }

  /** Part of a window, with the bounds of the whole. */
  public record Slice(List<Message> messages, long oldestSeq, long latestSeq, boolean gap) {
    public Slice {
      messages = List.copyOf(messages);
    }
  }
}
