package dev.hoochat.adapters.javalin.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The HTTP hardening options: their defaults, their parsing, and a bad value's one line. */
class ServerCommandHardeningOptionsTest {

  private static ServerConfig parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerConfig config = parse();
    ServerConfig.HttpLimits limits = config.httpLimits();
    assertThat(limits.maxConnections()).isEqualTo(10_000);
    assertThat(limits.maxConnectionsPerAddress()).isEqualTo(1_000);
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.allowedOrigins()).isEmpty();
  }

  @Test
  void optionsAreRead() {
    ServerConfig config =
        parse(
            "--max-connections",
            "50",
            "--max-connections-per-address",
            "0",
            "--idle-timeout",
            "5",
            "--header-timeout",
            "3",
            "--body-timeout",
            "4",
            "--allowed-origins",
            " https://chat.example ,https://app.example,");
    assertThat(config.httpLimits())
        .isEqualTo(
            new ServerConfig.HttpLimits(
                50, 0, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(4)));
    assertThat(config.allowedOrigins())
        .isEqualTo(Optional.of(List.of("https://chat.example", "https://app.example")));
  }

  @Test
  void aBadValueIsOneLineForTheOperator() {
    assertThatThrownBy(() -> parse("--max-connections", "-1"))
        .isInstanceOf(HooChatServer.StartupException.class)
        .hasMessage("--max-connections must be 0 (no cap) or more");
    assertThatThrownBy(() -> parse("--body-timeout", "0"))
        .isInstanceOf(HooChatServer.StartupException.class)
        .hasMessage("--body-timeout must be more than 0");
  }

  @Test
  void theOwnOriginIsWhereTheServerListens() {
    assertThat(HooChatServer.ownOrigin("127.0.0.1", 7070)).isEqualTo("http://127.0.0.1:7070");
    assertThat(HooChatServer.ownOrigin("::1", 7070)).isEqualTo("http://[::1]:7070");
  }

  @Test
  void onALoopbackAddressThePageMayBeOpenedByAnyOfItsNamesElsewhereOnlyByTheOneItListensOn() {
    List<String> loopback =
        List.of("http://127.0.0.1:7070", "http://localhost:7070", "http://[::1]:7070");
    assertThat(HooChatServer.defaultOrigins("127.0.0.1", 7070))
        .containsExactlyInAnyOrderElementsOf(loopback);
    assertThat(HooChatServer.defaultOrigins("localhost", 7070))
        .containsExactlyInAnyOrderElementsOf(loopback);
    assertThat(HooChatServer.defaultOrigins("::1", 7070))
        .containsExactlyInAnyOrderElementsOf(loopback);
    assertThat(HooChatServer.defaultOrigins("192.0.2.10", 7070))
        .containsExactly("http://192.0.2.10:7070");
    assertThat(HooChatServer.defaultOrigins("chat.example", 80))
        .containsExactly("http://chat.example:80");
    assertThat(HooChatServer.defaultOrigins("127.0.0.2", 7070))
        .containsExactly("http://127.0.0.2:7070");
  }
}
