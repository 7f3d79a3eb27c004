package dev.hoochat.application.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.fakes.FakeIds;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit test: what an operator is told about the server's keys, whichever runtime reads them. */
class ConfiguredKeysTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void configuredKeysAreDecodedFromBase64() {
    byte[] token = new byte[40];
    token[0] = 7;
    Secrets secrets =
        ConfiguredKeys.secrets(
            Optional.of(Base64.getEncoder().encodeToString(token) + "\n"),
            Optional.of(KEY),
            true,
            new FakeIds());

    assertThat(secrets.tokenKey()).isEqualTo(token);
  }

  @Test
  void aDurableStoreRefusesToStartWithoutKeysAndSaysHowToMakeOne() {
    assertThatThrownBy(
            () -> ConfiguredKeys.secrets(Optional.empty(), Optional.of(KEY), true, new FakeIds()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOOCHAT_TOKEN_KEY is required")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void malformedAndShortKeysAreNamed() {
    assertThatThrownBy(
            () ->
                ConfiguredKeys.secrets(
                    Optional.of(KEY), Optional.of("not base64!"), true, new FakeIds()))
        .hasMessageStartingWith("HOOCHAT_SENDER_KEY must be base64");
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(
            () ->
                ConfiguredKeys.secrets(
                    Optional.of(short16), Optional.of(KEY), false, new FakeIds()))
        .hasMessage("HOOCHAT_TOKEN_KEY must decode to at least 32 bytes");
  }

  @Test
  void theMemoryStoreMakesRandomKeysWhenNoneAreGiven() {
    Secrets first =
        ConfiguredKeys.secrets(Optional.empty(), Optional.empty(), false, new FakeIds());
    Secrets second =
        ConfiguredKeys.secrets(Optional.empty(), Optional.empty(), false, new FakeIds());

    assertThat(first.tokenKey()).hasSize(32);
    assertThat(first.senderKey()).isNotNull();
    assertThat(second.tokenKey()).hasSize(32);
  }
}
