package dev.hoochat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: ids are short, URL-safe and opaque; a malformed one names nothing. */
class UserIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "u-123_ABC", "0"})
  void urlSafeIdsAreWellFormed(String value) {
    assertThat(OpaqueId.isWellFormed(value)).isTrue();
    assertThat(new UserId(value).value()).isEqualTo(value);
    assertThat(new GroupId(value).value()).isEqualTo(value);
    assertThat(new MessageId(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "a b", "a/b", "a.b", "é", "a@b", "a[b", "a`b", "a{b", "a:b", "a~b"})
  void idsThatCouldNotBeInAUrlPathAreRefused(String value) {
    assertThat(OpaqueId.isWellFormed(value)).isFalse();
    assertThatThrownBy(() -> new UserId(value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupId(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsLongerThanOneHundredTwentyEightCharactersAreRefused() {
    assertThat(OpaqueId.isWellFormed("x".repeat(128))).isTrue();
    assertThat(OpaqueId.isWellFormed("x".repeat(129))).isFalse();
  }
}
