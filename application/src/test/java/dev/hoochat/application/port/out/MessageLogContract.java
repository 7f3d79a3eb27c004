package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.out.MessageLog.Appended;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageLog} must do, whatever server is behind it. The in-memory log and every
 * real adapter extend this class unchanged. Each test makes up its own group ids, so the log may be
 * shared between tests and need not be empty.
 */
public abstract class MessageLogContract {

  /** The log under test: the same one throughout a test, fresh or shared between tests. */
  protected abstract MessageLog log();

  /** Stores may keep milliseconds only, so test instants have no finer part. */
  private static final Instant START = Instant.parse("2026-11-27T12:00:00.123Z");

  private final AtomicLong ticks = new AtomicLong();

  private static GroupId newGroupId() {
    return new GroupId("g-" + UUID.randomUUID());
  }

  private static SenderTag newSender() {
    return new SenderTag("tag-" + UUID.randomUUID());
  }

  private static ClientMessageId newClientMessageId() {
    return new ClientMessageId("c-" + UUID.randomUUID());
  }

  /**
   * A draft as the service makes it: a fresh message id and the next millisecond; a client id
   * becomes a retry key that only the same sender's same client id in the same group repeats (the
   * service derives it with the sender key).
   */
  private NewMessage draft(
      GroupId group, SenderTag sender, String text, Optional<ClientMessageId> clientMessageId) {
    return new NewMessage(
        group,
        new MessageId("m-" + UUID.randomUUID()),
        new MessageBody(text),
        START.plusMillis(ticks.incrementAndGet()),
        sender,
        clientMessageId.map(
            c -> new RetryKey(group.value() + "." + sender.value() + "." + c.value())));
  }

  private NewMessage draft(GroupId group, String text) {
    return draft(group, newSender(), text, Optional.empty());
  }

  private static List<Long> seqs(MessageWindow window) {
    return window.messages().stream().map(m -> m.seq().value()).toList();
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  @Test
  void theFirstMessageIsSeqOneAndTheNextOnesFollow() {
    GroupId group = newGroupId();

    List<Long> seqs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Appended appended = log().append(draft(group, "hello " + i));
      assertThat(appended.created()).isTrue();
      seqs.add(appended.message().seq().value());
    }

    assertThat(seqs).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anAppendedMessageIsReadBackWithEveryField() {
    GroupId group = newGroupId();
    NewMessage draft =
        draft(group, newSender(), "Grüße ☕, see you at 8?", Optional.of(newClientMessageId()));

    Message stored = log().append(draft).message();

    Message expected =
        new Message(
            draft.id(),
            group,
            Seq.FIRST,
            draft.body(),
            draft.sentAt(),
            draft.sender(),
            draft.retryKey());
    assertThat(stored).isEqualTo(expected);
    assertThat(log().window(group).messages()).containsExactly(expected);
  }

  @Test
  void aGroupWithoutMessagesHasAnEmptyWindow() {
    MessageWindow window = log().window(newGroupId());

    assertThat(window.messages()).isEmpty();
    assertThat(window.latestSeq()).isZero();
  }

  @Test
  void theWindowKeepsExactlyTheHundredNewestInAscendingOrder() {
    GroupId group = newGroupId();
    List<Message> appended = new ArrayList<>();
    for (int i = 1; i <= 105; i++) {
      appended.add(log().append(draft(group, "message " + i)).message());
    }

    MessageWindow window = log().window(group);

    assertThat(window.messages()).hasSize(MessageWindow.CAPACITY);
    assertThat(seqs(window)).isEqualTo(range(6, 105));
    assertThat(window.messages()).isEqualTo(appended.subList(5, 105));
  }

  @Test
  void aRetryWithTheSameClientMessageIdAnswersTheFirstMessageAndStoresNothing() {
    GroupId group = newGroupId();
    SenderTag sender = newSender();
    ClientMessageId clientId = newClientMessageId();
    Message first = log().append(draft(group, sender, "once", Optional.of(clientId))).message();
    log().append(draft(group, "in between"));

    // A retry is a new draft: another message id and a later instant.
    Appended retry = log().append(draft(group, sender, "once", Optional.of(clientId)));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message()).isEqualTo(first);
    assertThat(retry.message().id()).isEqualTo(first.id());
    assertThat(retry.message().seq()).isEqualTo(Seq.FIRST);
    assertThat(retry.message().sentAt()).isEqualTo(first.sentAt());
    assertThat(seqs(log().window(group))).containsExactly(1L, 2L);
  }

  @Test
  void aRetryDoesNotUseUpASeq() {
    GroupId group = newGroupId();
    SenderTag sender = newSender();
    ClientMessageId clientId = newClientMessageId();
    log().append(draft(group, sender, "once", Optional.of(clientId)));
    log().append(draft(group, sender, "once", Optional.of(clientId)));

    Appended next = log().append(draft(group, "next"));

    assertThat(next.message().seq().value()).isEqualTo(2);
    assertThat(seqs(log().window(group))).containsExactly(1L, 2L);
  }

  @Test
  void theSameClientMessageIdFromAnotherSenderIsANewMessage() {
    GroupId group = newGroupId();
    ClientMessageId clientId = newClientMessageId();
    Message alices = log().append(draft(group, newSender(), "a", Optional.of(clientId))).message();

    Appended bobs = log().append(draft(group, newSender(), "b", Optional.of(clientId)));

    assertThat(bobs.created()).isTrue();
    assertThat(bobs.message().id()).isNotEqualTo(alices.id());
    assertThat(bobs.message().seq().value()).isEqualTo(2);
    assertThat(log().window(group).messages()).hasSize(2);
  }

  @Test
  void theSameClientMessageIdInAnotherGroupIsANewMessage() {
    GroupId here = newGroupId();
    GroupId there = newGroupId();
    SenderTag sender = newSender();
    ClientMessageId clientId = newClientMessageId();
    Message first = log().append(draft(here, sender, "a", Optional.of(clientId))).message();

    Appended elsewhere = log().append(draft(there, sender, "a", Optional.of(clientId)));

    assertThat(elsewhere.created()).isTrue();
    assertThat(elsewhere.message().id()).isNotEqualTo(first.id());
    assertThat(elsewhere.message().groupId()).isEqualTo(there);
    assertThat(log().window(here).messages()).containsExactly(first);
    assertThat(log().window(there).messages()).containsExactly(elsewhere.message());
  }

  @Test
  void messagesWithoutAClientMessageIdAreNeverTakenForRetries() {
    GroupId group = newGroupId();
    SenderTag sender = newSender();

    Appended first = log().append(draft(group, sender, "same words", Optional.empty()));
    Appended second = log().append(draft(group, sender, "same words", Optional.empty()));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isTrue();
    assertThat(seqs(log().window(group))).containsExactly(1L, 2L);
  }

  @Test
  void groupsAreNumberedIndependently() {
    GroupId a = newGroupId();
    GroupId b = newGroupId();

    long a1 = log().append(draft(a, "a1")).message().seq().value();
    long b1 = log().append(draft(b, "b1")).message().seq().value();
    long a2 = log().append(draft(a, "a2")).message().seq().value();
    long a3 = log().append(draft(a, "a3")).message().seq().value();
    long b2 = log().append(draft(b, "b2")).message().seq().value();

    assertThat(List.of(a1, a2, a3)).containsExactly(1L, 2L, 3L);
    assertThat(List.of(b1, b2)).containsExactly(1L, 2L);
    assertThat(log().window(a).messages())
        .extracting(m -> m.body().orElseThrow().text())
        .containsExactly("a1", "a2", "a3");
    assertThat(log().window(b).messages())
        .extracting(m -> m.body().orElseThrow().text())
        .containsExactly("b1", "b2");
  }

  @Test
  void deleteAllEmptiesTheWindowOfThatGroupOnly() {
    GroupId dissolved = newGroupId();
    GroupId other = newGroupId();
    for (int i = 0; i < 3; i++) {
      log().append(draft(dissolved, "bye " + i));
    }
    Message kept = log().append(draft(other, "still here")).message();

    log().deleteAll(dissolved);

    assertThat(log().window(dissolved).messages()).isEmpty();
    assertThat(log().window(other).messages()).containsExactly(kept);
  }

  @Test
  void deleteAllOfAGroupWithoutMessagesIsHarmless() {
    GroupId group = newGroupId();

    log().deleteAll(group);

    assertThat(log().window(group).messages()).isEmpty();
  }

  @Test
  void concurrentWritersGetGapFreeUniqueSeqsAndTheWindowKeepsTheNewest() throws Exception {
    GroupId group = newGroupId();
    int writers = 8;
    int each = 25;

    List<Race.Outcome<List<Appended>>> outcomes =
        Race.run(
            writers,
            w -> {
              SenderTag sender = newSender();
              List<Appended> mine = new ArrayList<>();
              for (int i = 0; i < each; i++) {
                mine.add(log().append(draft(group, sender, "w" + w + "-" + i, Optional.empty())));
              }
              return mine;
            });

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    List<Appended> all = outcomes.stream().flatMap(o -> o.value().stream()).toList();
    assertThat(all).allMatch(Appended::created);
    assertThat(all.stream().map(a -> a.message().seq().value()).sorted().toList())
        .isEqualTo(range(1, writers * each));
    MessageWindow window = log().window(group);
    assertThat(seqs(window)).isEqualTo(range(writers * each - 99, writers * each));
    for (Message m : window.messages()) {
      assertThat(all).extracting(Appended::message).contains(m);
    }
  }

  @Test
  void eachWritersMessagesKeepTheOrderTheyWereAppendedIn() throws Exception {
    GroupId group = newGroupId();

    List<Race.Outcome<List<Long>>> outcomes =
        Race.run(
            4,
            w -> {
              SenderTag sender = newSender();
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                mine.add(
                    log()
                        .append(draft(group, sender, "w" + w + "-" + i, Optional.empty()))
                        .message()
                        .seq()
                        .value());
              }
              return mine;
            });

    for (Race.Outcome<List<Long>> outcome : outcomes) {
      assertThat(outcome.succeeded()).isTrue();
      assertThat(outcome.value()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void concurrentRetriesOfOneClientMessageIdStoreOneMessage() throws Exception {
    GroupId group = newGroupId();
    SenderTag sender = newSender();
    ClientMessageId clientId = newClientMessageId();

    List<Race.Outcome<Appended>> outcomes =
        Race.run(8, i -> log().append(draft(group, sender, "just once", Optional.of(clientId))));

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    List<Appended> answers = outcomes.stream().map(Race.Outcome::value).toList();
    assertThat(answers).filteredOn(Appended::created).hasSize(1);
    Message stored = answers.stream().filter(Appended::created).findFirst().orElseThrow().message();
    assertThat(answers).extracting(Appended::message).containsOnly(stored);
    assertThat(log().window(group).messages()).containsExactly(stored);
  }

  // --- issue 16: redactions, reports, mutes ---

  @Test
  void anUnsentMessageKeepsItsPlaceButLosesItsBodyOnlyOnce() {
    GroupId group = newGroupId();
    Message first = log().append(draft(group, "keep me")).message();
    Message second = log().append(draft(group, "take me back")).message();

    assertThat(log().redact(group, second.seq(), MessageState.UNSENT)).isTrue();
    assertThat(log().redact(group, second.seq(), MessageState.HIDDEN)).isFalse();

    List<Message> window = log().window(group).messages();
    assertThat(window).extracting(Message::seq).containsExactly(first.seq(), second.seq());
    Message unsent = window.get(1);
    assertThat(unsent.state()).isEqualTo(MessageState.UNSENT);
    assertThat(unsent.body()).isEmpty();
    assertThat(unsent.id()).isEqualTo(second.id());
    assertThat(unsent.sentAt()).isEqualTo(second.sentAt());
    assertThat(unsent.sender().matches(second.sender())).isTrue();
    assertThat(window.get(0).body()).map(MessageBody::text).contains("keep me");
  }

  @Test
  void aRedactionOfAMessageNoLongerRetainedChangesNothing() {
    GroupId group = newGroupId();
    assertThat(log().redact(group, new Seq(1), MessageState.HIDDEN)).isFalse();
    for (int i = 1; i <= MessageWindow.CAPACITY + 1; i++) {
      log().append(draft(group, "m" + i));
    }
    assertThat(log().redact(group, new Seq(1), MessageState.HIDDEN)).isFalse();
    assertThat(log().window(group).messages()).allMatch(Message::isShown);
  }

  @Test
  void aRepeatedReportCountsOnceAndEachReporterOnce() {
    GroupId group = newGroupId();
    Message message = log().append(draft(group, "reported")).message();
    ReportKey bob = new ReportKey("r-bob-" + UUID.randomUUID());
    ReportKey carol = new ReportKey("r-carol-" + UUID.randomUUID());

    assertThat(log().report(group, message.seq(), bob)).isEqualTo(1);
    assertThat(log().report(group, message.seq(), bob)).isEqualTo(1);
    assertThat(log().report(group, message.seq(), carol)).isEqualTo(2);
    assertThat(log().report(group, new Seq(message.seq().value() + 1), bob)).isZero();
  }

  @Test
  void reportsLeaveWithTheirMessage() {
    GroupId group = newGroupId();
    Message first = log().append(draft(group, "first")).message();
    ReportKey key = new ReportKey("r-" + UUID.randomUUID());
    log().report(group, first.seq(), key);
    for (int i = 0; i < MessageWindow.CAPACITY; i++) {
      log().append(draft(group, "pushes the first out " + i));
    }
    assertThat(log().report(group, first.seq(), key)).isZero();
  }
}
