package dev.hoochat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: a client's own message id, as API.md's {@code invalid_client_message_id} row says. */
class ClientMessageIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c",
        "c-1",
        "AZaz09_-",
        "0123456789012345678901234567890123456789012345678901234567890123"
      })
  void oneToSixtyFourUrlSafeCharactersAreAccepted(String value) {
    assertThat(new ClientMessageId(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "01234567890123456789012345678901234567890123456789012345678901234",
        "c 1",
        "c.1",
        "c/1",
        "ç",
        "c-1\n"
      })
  void anythingElseIsRefusedWithInvalidClientMessageId(String value) {
    assertThatThrownBy(() -> new ClientMessageId(value))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_CLIENT_MESSAGE_ID));
  }
}
