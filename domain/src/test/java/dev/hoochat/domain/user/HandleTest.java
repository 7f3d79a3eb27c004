package dev.hoochat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit test: what a handle may be, as API.md's {@code invalid_handle} row says. */
class HandleTest {

  @ParameterizedTest
  @ValueSource(strings = {"bob", "alice_99", "a.b-c", "x1_", "abcdefghijklmnopqrstuvwxyz012345"})
  void handlesOfThreeToThirtyTwoAllowedCharactersAreAccepted(String value) {
    assertThat(new Handle(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "ab",
        "abcdefghijklmnopqrstuvwxyz0123456",
        "ali ce",
        "alice!",
        "al@ce",
        "al/ce",
        "al:ce",
        "al`ce",
        "al{ce",
        "alIce",
        "ålice",
        "alice\n",
        "Alice"
      })
  void anythingElseIsRefusedWithInvalidHandle(String value) {
    assertThatThrownBy(() -> new Handle(value))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_HANDLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Alice", "ALICE", "aLiCe"})
  void aTypedHandleIsStoredLowerCase(String typed) {
    assertThat(Handle.of(typed)).isEqualTo(new Handle("alice"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AB", "Al ice", "ÅLICE"})
  void lowerCasingDoesNotRescueAnInvalidHandle(String typed) {
    assertThatThrownBy(() -> Handle.of(typed))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_HANDLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice\u0000", "ali\u202Ece", "\u2066bob\u2069", "bob\uD800", "b\tob"})
  void aHandleWithAControlBidiOrSurrogateCharacterIsRefusedNamingTheClass(String typed) {
    assertThatThrownBy(() -> Handle.of(typed))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.INVALID_HANDLE);
              assertThat(e.detail()).startsWith("a handle may not contain ").contains("found U+");
            });
  }

  @org.junit.jupiter.api.Test
  void aMissingTypedHandleIsAnInvalidHandleNotACrash() {
    assertThatThrownBy(() -> Handle.of(null))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_HANDLE));
  }
}
