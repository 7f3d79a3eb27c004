package dev.hoochat.wiring;

import dev.hoochat.application.assembly.ChatSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every setting of one runtime, read once through the table ({@link Options}) and typed: from the
 * command line with the environment as fallback (standalone), or from the environment alone
 * (Lambda). Unset options have the table's default; an option that does not apply where HooChat
 * runs has no value at all. Immutable: {@link #with} returns a copy.
 */
public final class Settings {
  private final RunsOn runsOn;
  private final Map<Option<?>, Object> values;

  private Settings(RunsOn runsOn, Map<Option<?>, Object> values) {
    this.runsOn = runsOn;
    this.values = values;
  }

  /** The table's defaults where HooChat runs. */
  public static Settings defaults(RunsOn on) {
    return read(on, option -> null);
  }

  /** Each option from its environment variable, or its default. */
  public static Settings fromEnvironment(RunsOn on, Map<String, String> env) {
    return read(on, option -> env.get(option.env()));
  }

  /**
   * Each option from {@code given} (its text as the operator wrote it; null = not given), or its
   * default. A value that does not parse is an {@link InvalidSettingException} naming the option as
   * the operator knows it there (flag on the command line, variable in the environment).
   */
  public static Settings read(RunsOn on, Function<Option<?>, String> given) {
    Objects.requireNonNull(on, "on");
    Map<Option<?>, Object> values = new LinkedHashMap<>();
    for (Option<?> option : Options.on(on)) {
      values.put(option, option.parse(given.apply(option), on, option.label(on)));
    }
    return new Settings(on, values).requireConsistent();
  }

  public RunsOn runsOn() {
    return runsOn;
  }

  /** The value of an option that applies where HooChat runs. */
  @SuppressWarnings("unchecked")
  public <T> T get(Option<T> option) {
    if (!values.containsKey(option)) {
      throw new IllegalArgumentException(option + " does not apply on " + runsOn);
    }
    return (T) values.get(option);
  }

  /**
   * A copy with one value changed, checked as if the operator had given it ({@link
   * #requireConsistent} checks it against the others once all are set).
   */
  public <T> Settings with(Option<T> option, T value) {
    get(option);
    Objects.requireNonNull(value, option.name());
    option.check(value, option.label(runsOn));
    Map<Option<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(option, value);
    return new Settings(runsOn, copy);
  }

  /** The same values as another runtime reads them: unset options there get its defaults. */
  public Settings on(RunsOn other) {
    Map<String, String> env = environment();
    return fromEnvironment(other, env);
  }

  /** Every value as environment variables (unset optional values left out). */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    values.forEach(
        (option, value) -> {
          String text = show(option, value);
          if (text != null) {
            env.put(option.env(), text);
          }
        });
    return env;
  }

  @SuppressWarnings("unchecked")
  private static <T> String show(Option<T> option, Object value) {
    return option.show((T) value);
  }

  /** The core's knobs: {@link ChatSettings#defaults()} with the options of the table. */
  public ChatSettings chatSettings() {
    return ChatSettings.defaults()
        .withPasswordIterations(get(Options.PASSWORD_ITERATIONS))
        .withPostsPerMinute(get(Options.POST_LIMIT))
        .withLimits(limits());
  }

  public ChatSettings.Limits limits() {
    return new ChatSettings.Limits(
        get(Options.WEBSOCKETS_PER_USER),
        get(Options.GROUPS_OWNED_PER_USER),
        get(Options.GROUPS_JOINED_PER_USER),
        get(Options.SIGN_IN_FREE_FAILURES),
        get(Options.SIGN_IN_MAX_BACKOFF));
  }

  /** Checks what no single row can; returns this. */
  public Settings requireConsistent() {
    if (get(Options.STORE) == StoreChoice.SQLITE && runsOn == RunsOn.LAMBDA) {
      throw new InvalidSettingException(
          "HOOCHAT_STORE=sqlite is for the standalone server (one process, one local file); on"
              + " Lambda use dynamodb");
    }
    if (runsOn == RunsOn.STANDALONE) {
      int port = get(Options.PORT);
      int adminPort = get(Options.ADMIN_PORT);
      if (adminPort > 0 && adminPort == port && get(Options.ADMIN_HOST).equals(get(Options.HOST))) {
        throw new InvalidSettingException("--admin-port must not be the API's port");
      }
      if (get(Options.BACKPLANE) == BackplaneChoice.REDIS) {
        if (get(Options.STORE) != StoreChoice.DYNAMODB) {
          throw new InvalidSettingException(
              "--backplane redis needs --store dynamodb: the "
                  + get(Options.STORE).name().toLowerCase(Locale.ROOT)
                  + " store lives in one process, so it runs one server");
        }
        if (get(Options.CACHE) == CacheChoice.MEMORY) {
          throw new InvalidSettingException(
              "--backplane redis needs a cache the servers share (--cache redis, momento or"
                  + " none): with --cache memory each server would keep serving group memberships"
                  + " that another server changed");
        }
      }
    }
    return this;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((option, value) -> shown.put(option.name(), showSafely(option, value)));
    return "Settings" + shown;
  }

  @SuppressWarnings("unchecked")
  private static <T> String showSafely(Option<T> option, Object value) {
    return option.showSafely((T) value);
  }
}
