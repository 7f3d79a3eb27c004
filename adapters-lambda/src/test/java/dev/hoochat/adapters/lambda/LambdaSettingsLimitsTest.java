package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.adapters.lambda.boot.LambdaSettings;
import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.wiring.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits read from the same environment variables, with the same defaults, as the server. */
class LambdaSettingsLimitsTest {

  @Test
  void withoutVariablesTheDefaultLimitsApply() {
    assertThat(LambdaSettings.fromEnvironment(Map.of()).limits())
        .isEqualTo(ChatSettings.Limits.DEFAULT);
  }

  @Test
  void everyLimitHasItsVariable() {
    LambdaSettings settings =
        LambdaSettings.fromEnvironment(
            Map.of(
                "HOOCHAT_WEBSOCKETS_PER_USER", "3",
                "HOOCHAT_GROUPS_OWNED_PER_USER", "4",
                "HOOCHAT_GROUPS_JOINED_PER_USER", "0",
                "HOOCHAT_SIGN_IN_FREE_FAILURES", "7",
                "HOOCHAT_SIGN_IN_MAX_BACKOFF", "60"));

    assertThat(settings.limits())
        .isEqualTo(new ChatSettings.Limits(3, 4, 0, 7, Duration.ofSeconds(60)));
  }

  @Test
  void anAbsurdValueIsAOneLineSettingError() {
    assertThatThrownBy(
            () -> LambdaSettings.fromEnvironment(Map.of("HOOCHAT_WEBSOCKETS_PER_USER", "-2")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("HOOCHAT_WEBSOCKETS_PER_USER");
    assertThatThrownBy(
            () -> LambdaSettings.fromEnvironment(Map.of("HOOCHAT_SIGN_IN_MAX_BACKOFF", "0")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("HOOCHAT_SIGN_IN_MAX_BACKOFF");
  }
}
