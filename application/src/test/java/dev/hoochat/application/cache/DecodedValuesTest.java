package dev.hoochat.application.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.connection.ConnectionId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Unit test: a remembered decoding is answered only for the very bytes it came from. */
class DecodedValuesTest {
  private final AtomicInteger decodings = new AtomicInteger();
  private final Function<byte[], Set<ConnectionId>> counted =
      bytes -> {
        decodings.incrementAndGet();
        return CacheCodec.connections(bytes);
      };

  @Test
  void bytesReadAgainUnchangedAreNotDecodedAgain() {
    DecodedValues<Set<ConnectionId>> values = new DecodedValues<>(counted, 16);
    byte[] phone = CacheCodec.connections(Set.of(new ConnectionId("phone")));

    Set<ConnectionId> first = values.decode("k", phone);
    Set<ConnectionId> again = values.decode("k", phone.clone());

    assertThat(again).isSameAs(first).containsExactly(new ConnectionId("phone"));
    assertThat(decodings).hasValue(1);
  }

  @Test
  void changedBytesUnderTheSameKeyAreDecodedAfresh() {
    DecodedValues<Set<ConnectionId>> values = new DecodedValues<>(counted, 16);
    values.decode("k", CacheCodec.connections(Set.of(new ConnectionId("phone"))));

    Set<ConnectionId> now = values.decode("k", CacheCodec.connections(Set.of()));

    assertThat(now).isEmpty();
    assertThat(values.decode("k", CacheCodec.connections(Set.of(new ConnectionId("laptop")))))
        .containsExactly(new ConnectionId("laptop"));
  }

  @Test
  void bytesOverwrittenByTheirReaderAfterwardsDoNotChangeWhatIsRemembered() {
    DecodedValues<Set<ConnectionId>> values = new DecodedValues<>(counted, 16);
    byte[] bytes = CacheCodec.connections(Set.of(new ConnectionId("phone")));
    values.decode("k", bytes);
    byte[] laptop = CacheCodec.connections(Set.of(new ConnectionId("laptp")));
    assertThat(laptop).hasSameSizeAs(bytes);
    System.arraycopy(laptop, 0, bytes, 0, bytes.length);

    assertThat(values.decode("k", laptop)).containsExactly(new ConnectionId("laptp"));
  }

  @Test
  void unreadableBytesFailEachTimeAndLeaveNothingBehind() {
    DecodedValues<Set<ConnectionId>> values = new DecodedValues<>(counted, 16);
    byte[] garbage = {42, 1, 2};

    assertThatThrownBy(() -> values.decode("k", garbage))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
    assertThatThrownBy(() -> values.decode("k", garbage))
        .isInstanceOf(CacheCodec.UnreadableValueException.class);
    assertThat(values.size()).isZero();
  }

  @Test
  void atCapacityEverythingIsDroppedAndAnswersStayRight() {
    DecodedValues<Set<ConnectionId>> values = new DecodedValues<>(counted, 3);
    for (int i = 0; i < 10; i++) {
      ConnectionId id = new ConnectionId("c" + i);
      assertThat(values.decode("k" + i, CacheCodec.connections(Set.of(id)))).containsExactly(id);
      assertThat(values.size()).isLessThanOrEqualTo(3);
    }
    assertThat(values.decode("k9", CacheCodec.connections(Set.of(new ConnectionId("c9")))))
        .containsExactly(new ConnectionId("c9"));
  }
}
