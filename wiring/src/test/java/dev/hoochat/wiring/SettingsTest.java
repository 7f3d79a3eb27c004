package dev.hoochat.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.assembly.ChatSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings read through the table: defaults once, errors named as the operator wrote them. */
class SettingsTest {

  @Test
  void theCoresDefaultsAreChatSettingsOwn() {
    Settings settings = Settings.defaults(RunsOn.LAMBDA);

    assertThat(settings.chatSettings()).isEqualTo(ChatSettings.defaults());
    assertThat(Settings.defaults(RunsOn.STANDALONE).chatSettings())
        .isEqualTo(ChatSettings.defaults());
  }

  @Test
  void theStoreDefaultsDifferByRuntimeAndLambdaRefusesSqliteInOneLine() {
    assertThat(Settings.defaults(RunsOn.STANDALONE).get(Options.STORE))
        .isEqualTo(StoreChoice.SQLITE);
    assertThat(Settings.defaults(RunsOn.LAMBDA).get(Options.STORE)).isEqualTo(StoreChoice.MEMORY);

    assertThatThrownBy(
            () -> Settings.fromEnvironment(RunsOn.LAMBDA, Map.of("HOOCHAT_STORE", "sqlite")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "HOOCHAT_STORE=sqlite is for the standalone server (one process, one local file); on"
                + " Lambda use dynamodb");
  }

  @Test
  void aBadValueNamesTheVariableOrTheFlag() {
    assertThatThrownBy(
            () -> Settings.fromEnvironment(RunsOn.LAMBDA, Map.of("HOOCHAT_CACHE", "memcached")))
        .hasMessage("HOOCHAT_CACHE must be none | memory | redis | momento, not 'memcached'");
    assertThatThrownBy(
            () ->
                Settings.read(
                    RunsOn.STANDALONE, option -> option == Options.BODY_TIMEOUT ? "0" : null))
        .hasMessage("--body-timeout must be more than 0");
  }

  @Test
  void optionsOfTheOtherRuntimeAreNotRead() {
    Settings lambda = Settings.fromEnvironment(RunsOn.LAMBDA, Map.of("HOOCHAT_PORT", "nonsense"));

    assertThatThrownBy(() -> lambda.get(Options.PORT)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameValuesReadOnTheOtherRuntime() {
    Settings standalone =
        Settings.defaults(RunsOn.STANDALONE)
            .with(Options.STORE, StoreChoice.DYNAMODB)
            .with(Options.SIGN_IN_MAX_BACKOFF, Duration.ofSeconds(60));

    Settings lambda = standalone.on(RunsOn.LAMBDA);

    assertThat(lambda.get(Options.STORE)).isEqualTo(StoreChoice.DYNAMODB);
    assertThat(lambda.limits().signInMaxBackoff()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theRedisBackplaneNeedsDynamoDbAndASharedCacheAndLambdaDoesNotReadIt() {
    Settings standalone =
        Settings.defaults(RunsOn.STANDALONE).with(Options.BACKPLANE, BackplaneChoice.REDIS);
    assertThat(Settings.defaults(RunsOn.STANDALONE).get(Options.BACKPLANE))
        .isEqualTo(BackplaneChoice.NONE);

    assertThatThrownBy(standalone::requireConsistent)
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "--backplane redis needs --store dynamodb: the sqlite store lives in one process, so"
                + " it runs one server");
    assertThatThrownBy(standalone.with(Options.STORE, StoreChoice.DYNAMODB)::requireConsistent)
        .hasMessageStartingWith("--backplane redis needs a cache the servers share");
    standalone
        .with(Options.STORE, StoreChoice.DYNAMODB)
        .with(Options.CACHE, CacheChoice.REDIS)
        .requireConsistent();

    Settings lambda = Settings.fromEnvironment(RunsOn.LAMBDA, Map.of("HOOCHAT_BACKPLANE", "redis"));
    assertThatThrownBy(() -> lambda.get(Options.BACKPLANE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsAreNotShown() {
    Settings settings =
        Settings.fromEnvironment(RunsOn.LAMBDA, Map.of("HOOCHAT_TOKEN_KEY", "very-secret"));

    assertThat(settings.toString()).doesNotContain("very-secret").contains("token-key=***");
  }
}
