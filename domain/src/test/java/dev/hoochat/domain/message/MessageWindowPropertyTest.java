package dev.hoochat.domain.message;

import static dev.hoochat.domain.message.TestMessages.numbered;
import static dev.hoochat.domain.message.TestMessages.range;
import static dev.hoochat.domain.message.TestMessages.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property test: however messages arrive, the window is the newest 100, ascending. Each property is
 * checked over many generated cases from fixed seeds, so a failure names a seed that replays it.
 */
class MessageWindowPropertyTest {
  private static final int CASES = 500;

  @Test
  void postingInOrderKeepsTheNewestHundredAscending() {
    for (int n = 0; n <= 400; n++) {
      MessageWindow window = TestMessages.posted(n);

      assertThat(seqs(window.messages())).as("n=%d", n).isEqualTo(range(Math.max(1, n - 99), n));
      assertThat(window.isComplete()).as("n=%d", n).isEqualTo(n > 0);
    }
  }

  @Test
  void anySequenceOfAppendsLeavesTheNewestHundredDistinctSeqsAscending() {
    for (long seed = 1; seed <= CASES; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Long> appended = new ArrayList<>();
      int length = random.nextInt(0, 301);
      for (int i = 0; i < length; i++) {
        appended.add(random.nextLong(1, 501));
      }

      MessageWindow window = MessageWindow.empty();
      for (long seq : appended) {
        window = window.append(numbered(seq));
      }

      List<Long> expected =
          new TreeSet<>(appended).descendingSet().stream().limit(100).sorted().toList();
      assertThat(seqs(window.messages())).as("seed %d: %s", seed, appended).isEqualTo(expected);
    }
  }

  @Test
  void afterNeverAnswersAnOlderMessageAndReportsAGapOnlyForEvictedOnes() {
    for (long seed = 1; seed <= CASES; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int posted = random.nextInt(0, 301);
      int after = random.nextInt(0, 321);

      MessageWindow.Slice slice = TestMessages.posted(posted).after(after);

      long firstKept = Math.max(1, posted - 99);
      boolean someEvictedAfterPosition = posted > 0 && firstKept > after + 1;
      String why = "posted=" + posted + " after=" + after;
      assertThat(seqs(slice.messages()))
          .as(why)
          .isEqualTo(range(Math.max(firstKept, after + 1L), posted));
      assertThat(slice.gap()).as(why).isEqualTo(someEvictedAfterPosition);
    }
  }
}
