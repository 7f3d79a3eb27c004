package dev.hoochat.domain.message;

import dev.hoochat.domain.group.GroupId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/** Test fixture: messages of one group, numbered as the log would number them. */
final class TestMessages {
  static final GroupId GROUP = new GroupId("g1");

  private TestMessages() {}

  static Message numbered(long seq) {
    return new Message(
        new MessageId("m" + seq),
        GROUP,
        new Seq(seq),
        new MessageBody("message " + seq),
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq),
        new SenderTag("tag"),
        Optional.empty());
  }

  /** The window a group has after messages 1..{@code count} were posted, one by one. */
  static MessageWindow posted(long count) {
    MessageWindow window = MessageWindow.empty();
    for (long seq = 1; seq <= count; seq++) {
      window = window.append(numbered(seq));
    }
    return window;
  }

  static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(m -> m.seq().value()).toList();
  }

  static List<Long> range(long fromInclusive, long toInclusive) {
    return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }
}
