package dev.hoochat.application.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeClock;
import dev.hoochat.application.fakes.FakeMessageLog;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Unit test: the cached window is served only when it is provably the whole recent past. */
class CachedMessageLogTest {
  private static final Duration TTL = Duration.ofHours(1);
  private static final GroupId GROUP = new GroupId("g-1");
  private static final String KEY = CacheKeys.window(GROUP);

  private final FakeMessageLog store = new FakeMessageLog();
  private final FakeCache backend = new FakeCache();
  private final CachedMessageLog log = new CachedMessageLog(store, backend, TTL);

  private static NewMessage draft(int n, Optional<ClientMessageId> clientId) {
    return new NewMessage(
        GROUP,
        new MessageId("m-" + n),
        new MessageBody("message " + n),
        Instant.parse("2026-11-27T12:00:00Z").plusSeconds(n),
        new SenderTag("tag"),
        clientId.map(c -> new RetryKey("retry-" + c.value())));
  }

  /** Posts to the log behind the cache's back, as another process whose append was lost. */
  private List<Message> postedBehindTheCache(int count) {
    List<Message> posted = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      posted.add(store.append(draft(i, Optional.empty())).message());
    }
    return posted;
  }

  private void cacheHolds(List<Message> messages) {
    backend.delete(KEY);
    backend.appendToList(
        KEY, messages.stream().map(CacheCodec::message).toList(), MessageWindow.CAPACITY, TTL);
  }

  private static List<Long> seqs(MessageWindow window) {
    return window.messages().stream().map(m -> m.seq().value()).toList();
  }

  @Test
  void postedMessagesAreWrittenThroughAndReadBackWithoutTheLog() {
    for (int i = 1; i <= 3; i++) {
      log.append(draft(i, Optional.empty()));
    }

    MessageWindow window = log.window(GROUP);

    assertThat(seqs(window)).containsExactly(1L, 2L, 3L);
    assertThat(store.windowReads()).isZero();
  }

  @Test
  void aRepeatedPostIsNotAppendedToTheCachedWindowAgain() {
    log.append(draft(1, Optional.of(new ClientMessageId("c-1"))));
    log.append(draft(2, Optional.of(new ClientMessageId("c-1"))));

    assertThat(backend.peekList(KEY)).hasSize(1);
    assertThat(seqs(log.window(GROUP))).containsExactly(1L);
  }

  @Test
  void aFullCachedWindowKeepsOnlyTheNewestHundred() {
    for (int i = 1; i <= 130; i++) {
      log.append(draft(i, Optional.empty()));
    }

    assertThat(seqs(log.window(GROUP))).isEqualTo(LongStream.rangeClosed(31, 130).boxed().toList());
    assertThat(store.windowReads()).isZero();
  }

  @Test
  void aCachedWindowWithAHoleFallsBackToTheLogAndIsRebuilt() {
    List<Message> posted = postedBehindTheCache(4);
    cacheHolds(List.of(posted.get(0), posted.get(1), posted.get(3)));

    assertThat(seqs(log.window(GROUP))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(store.windowReads()).isEqualTo(1);

    assertThat(seqs(log.window(GROUP))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(store.windowReads()).as("rebuilt, so the next read is a hit").isEqualTo(1);
  }

  @Test
  void aShortCachedWindowThatDoesNotStartAtTheFirstMessageFallsBackToTheLog() {
    List<Message> posted = postedBehindTheCache(5);
    cacheHolds(posted.subList(2, 5));

    assertThat(seqs(log.window(GROUP))).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(store.windowReads()).isEqualTo(1);
  }

  @Test
  void aCachedWindowThatMissedItsLatestMessageIsCaughtByTheNextAppend() {
    List<Message> posted = postedBehindTheCache(3);
    cacheHolds(posted.subList(0, 2)); // the append of 3 was lost
    log.append(draft(4, Optional.empty())); // cache now holds 1, 2, 4

    assertThat(seqs(log.window(GROUP))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(store.windowReads()).isEqualTo(1);
  }

  @Test
  void anUnreadableCachedEntryFallsBackToTheLog() {
    postedBehindTheCache(2);
    backend.appendToList(KEY, List.of(new byte[] {42, 1, 2}), MessageWindow.CAPACITY, TTL);

    assertThat(seqs(log.window(GROUP))).containsExactly(1L, 2L);
    assertThat(store.windowReads()).isEqualTo(1);
  }

  @Test
  void aFailingCacheStillAnswersFromTheLog() {
    CachedMessageLog resilient =
        new CachedMessageLog(
            store, new ResilientCache(backend, new FakeClock(), Duration.ofSeconds(1)), TTL);
    backend.failingEverything();

    resilient.append(draft(1, Optional.empty()));
    resilient.append(draft(2, Optional.empty()));

    assertThat(seqs(resilient.window(GROUP))).containsExactly(1L, 2L);
  }

  @Test
  void aDissolvedGroupsCachedWindowIsDeletedWithItsMessages() {
    log.append(draft(1, Optional.empty()));

    log.deleteAll(GROUP);

    assertThat(backend.holds(KEY)).isFalse();
    assertThat(log.window(GROUP).messages()).isEmpty();
  }
}
