package dev.hoochat.adapters.javalin.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.assembly.ChatSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The limits' options reach the server's configuration, with API.md's defaults. */
class ServerCommandLimitsTest {

  private static ServerConfig parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void withoutOptionsTheDefaultLimitsApply() {
    assertThat(parse().limits()).isEqualTo(ChatSettings.Limits.DEFAULT);
    assertThat(ChatSettings.Limits.DEFAULT)
        .isEqualTo(new ChatSettings.Limits(20, 100, 500, 5, Duration.ofMinutes(5)));
  }

  @Test
  void everyLimitHasItsOption() {
    ServerConfig config =
        parse(
            "--websockets-per-user", "3",
            "--groups-owned-per-user", "4",
            "--groups-joined-per-user", "0",
            "--sign-in-free-failures", "7",
            "--sign-in-max-backoff", "60");

    assertThat(config.limits())
        .isEqualTo(new ChatSettings.Limits(3, 4, 0, 7, Duration.ofSeconds(60)));
  }

  @Test
  void aNegativeLimitOrAnAbsurdBackOffIsAStartupError() {
    assertThatThrownBy(() -> parse("--websockets-per-user", "-1"))
        .isInstanceOf(HooChatServer.StartupException.class)
        .hasMessageContaining("--websockets-per-user");
    assertThatThrownBy(() -> parse("--sign-in-max-backoff", "0"))
        .isInstanceOf(HooChatServer.StartupException.class)
        .hasMessageContaining("--sign-in-max-backoff");
  }
}
