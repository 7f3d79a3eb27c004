package dev.hoochat.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

  @Test
  void aPlainUrlNamesHostPortAndTheShortDefaultTimeouts() {
    RedisSettings settings = RedisSettings.fromUrl("redis://127.0.0.1:6380");

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(6380);
    assertThat(settings.user()).isEmpty();
    assertThat(settings.password()).isEmpty();
    assertThat(settings.database()).isZero();
    assertThat(settings.tls()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void credentialsDatabaseAndTlsAreRead() {
    RedisSettings settings =
        RedisSettings.fromUrl("rediss://alice:s%40cret@cache.example.com:6390/3");

    assertThat(settings.host()).isEqualTo("cache.example.com");
    assertThat(settings.port()).isEqualTo(6390);
    assertThat(settings.user()).contains("alice");
    assertThat(settings.password()).contains("s@cret");
    assertThat(settings.database()).isEqualTo(3);
    assertThat(settings.tls()).isTrue();
  }

  @Test
  void aPasswordWithoutUserIsTheDefaultUsersPassword() {
    RedisSettings settings = RedisSettings.fromUrl("redis://:secret@localhost:6379/");

    assertThat(settings.user()).isEmpty();
    assertThat(settings.password()).contains("secret");
    assertThat(settings.database()).isZero();
  }

  @Test
  void theStandardPortIsTheDefaultAndIpv6HostsWork() {
    assertThat(RedisSettings.fromUrl("redis://localhost").port()).isEqualTo(6379);
    RedisSettings v6 = RedisSettings.fromUrl("redis://[::1]:7000");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.address()).isEqualTo("[::1]:7000");
  }

  @Test
  void timeoutsAndPoolSizeCanBeChanged() {
    RedisSettings settings =
        RedisSettings.fromUrl("redis://localhost:6379")
            .withTimeouts(Duration.ofMillis(50), Duration.ofMillis(100))
            .withMaxConnections(4);

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.maxConnections()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://localhost:6379 | the scheme must be redis:// or rediss://",
        "localhost:6379 | the scheme must be redis:// or rediss://",
        "redis://localhost:notaport | no readable host:port",
        "redis:// | Expected authority",
        "redis://localhost:6379/zero | the path must be a database number, was /zero",
        "redis://localhost:6379/-1 | the database number must be 0 or more",
        "redis://localhost:6379?timeout=5 | query parameters and fragments are not supported",
        "redis://localhost:70000 | port must be 1–65535",
        "redis://alice:@localhost:6379 | the password is empty",
        "redis://alice@localhost:6379 | write credentials as user:password@ or :password@",
        "redis://local host:6379 | Illegal character",
      })
  void aBadUrlIsAClearErrorSayingWhatToWrite(String url, String reason) {
    assertThatThrownBy(() -> RedisSettings.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad Redis URL ")
        .hasMessageContaining(reason)
        .hasMessageEndingWith(
            "expected redis://[user:password@]host:port[/db] or rediss://… for TLS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void noUrlAtAllIsAClearError(String url) {
    assertThatThrownBy(() -> RedisSettings.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no Redis URL given");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://alice:hunter2@local host:6379",
        "redis://alice:hunter2@localhost:6379/x",
        "http://:hunter2@localhost:6379"
      })
  void neitherAnErrorNorToStringShowsThePassword(String url) {
    assertThatThrownBy(() -> RedisSettings.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThat(RedisSettings.fromUrl("redis://alice:hunter2@localhost:6379").toString())
        .doesNotContain("hunter2")
        .contains("alice:***@localhost:6379");
  }

  @Test
  void aUserWithoutPasswordCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new RedisSettings(
                    "localhost",
                    6379,
                    Optional.of("alice"),
                    Optional.empty(),
                    0,
                    false,
                    Duration.ofMillis(250),
                    Duration.ofMillis(250),
                    4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a password");
  }
}
