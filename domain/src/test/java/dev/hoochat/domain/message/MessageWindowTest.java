package dev.hoochat.domain.message;

import static dev.hoochat.domain.message.TestMessages.numbered;
import static dev.hoochat.domain.message.TestMessages.posted;
import static dev.hoochat.domain.message.TestMessages.range;
import static dev.hoochat.domain.message.TestMessages.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unit test: a group keeps its 100 newest messages, and tells a late reader what it missed. */
class MessageWindowTest {

  @Test
  void anEmptyGroupHasNoMessagesAndZeroBounds() {
    MessageWindow window = MessageWindow.empty();

    assertThat(window.messages()).isEmpty();
    assertThat(window.oldestSeq()).isZero();
    assertThat(window.latestSeq()).isZero();
    assertThat(window.all().gap()).isFalse();
    assertThat(window.after(0).gap()).isFalse();
  }

  @Test
  void theFirstHundredMessagesAreAllKept() {
    MessageWindow window = posted(100);

    assertThat(seqs(window.messages())).isEqualTo(range(1, 100));
    assertThat(window.oldestSeq()).isEqualTo(1);
    assertThat(window.latestSeq()).isEqualTo(100);
  }

  @Test
  void theHundredAndFirstMessageEvictsTheFirst() {
    MessageWindow window = posted(101);

    assertThat(seqs(window.messages())).isEqualTo(range(2, 101));
    assertThat(window.oldestSeq()).isEqualTo(2);
    assertThat(window.latestSeq()).isEqualTo(101);
  }

  @Test
  void evictedByNamesTheSeqThatFallsOut() {
    assertThat(MessageWindow.evictedBy(new Seq(100))).isEqualTo(OptionalLong.empty());
    assertThat(MessageWindow.evictedBy(new Seq(101))).isEqualTo(OptionalLong.of(1));
    assertThat(MessageWindow.evictedBy(new Seq(250))).isEqualTo(OptionalLong.of(150));
  }

  @Test
  void messagesGivenOutOfOrderOrTwiceAreKeptOnceInAscendingOrder() {
    MessageWindow window =
        new MessageWindow(List.of(numbered(3), numbered(1), numbered(2), numbered(3)));

    assertThat(seqs(window.messages())).containsExactly(1L, 2L, 3L);
  }

  @Test
  void afterAnswersOnlyNewerMessages() {
    MessageWindow.Slice slice = posted(10).after(7);

    assertThat(seqs(slice.messages())).containsExactly(8L, 9L, 10L);
    assertThat(slice.oldestSeq()).isEqualTo(1);
    assertThat(slice.latestSeq()).isEqualTo(10);
    assertThat(slice.gap()).isFalse();
  }

  @Test
  void afterTheLatestThereIsNothingNewAndNoGap() {
    MessageWindow.Slice slice = posted(150).after(150);

    assertThat(slice.messages()).isEmpty();
    assertThat(slice.gap()).isFalse();
  }

  /** Window 51..150 after 150 posts: messages 1..50 are gone. */
  @ParameterizedTest(name = "after {0}: gap is {1}")
  @CsvSource({
    "0, true",
    "10, true",
    "48, true",
    "49, true",
    "50, false",
    "51, false",
    "120, false",
    "150, false",
    "400, false"
  })
  void gapIsTrueExactlyWhenMessagesAfterThePositionWereEvicted(long after, boolean gap) {
    MessageWindow.Slice slice = posted(150).after(after);

    assertThat(slice.gap()).isEqualTo(gap);
    assertThat(seqs(slice.messages())).isEqualTo(range(Math.max(51, after + 1), 150));
  }

  @Test
  void allAnswersTheWholeWindowWithoutAGap() {
    MessageWindow.Slice slice = posted(150).all();

    assertThat(seqs(slice.messages())).isEqualTo(range(51, 150));
    assertThat(slice.gap()).isFalse();
  }

  @Test
  void aWindowFromTheFirstMessageWithNoHolesIsComplete() {
    assertThat(posted(1).isComplete()).isTrue();
    assertThat(posted(42).isComplete()).isTrue();
  }

  @Test
  void aFullContiguousWindowIsCompleteWhereverItStarts() {
    assertThat(posted(100).isComplete()).isTrue();
    assertThat(posted(250).isComplete()).isTrue();
  }

  @Test
  void anEmptyWindowIsNotComplete() {
    assertThat(MessageWindow.empty().isComplete()).isFalse();
  }

  @Test
  void aWindowWithAHoleIsNotComplete() {
    assertThat(new MessageWindow(List.of(numbered(1), numbered(2), numbered(4))).isComplete())
        .isFalse();
  }

  @Test
  void aShortWindowThatDoesNotStartAtTheFirstMessageIsNotComplete() {
    assertThat(new MessageWindow(List.of(numbered(5), numbered(6))).isComplete()).isFalse();
    MessageWindow ninetyNineOfTheNewest = new MessageWindow(posted(150).messages().subList(1, 100));
    assertThat(ninetyNineOfTheNewest.isComplete()).isFalse();
  }
}
