package dev.hoochat.wiring;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the table of settings ({@link Options}): its name, its environment variable, its
 * command-line option (standalone only; none for secrets and AWS's own variables), its default (per
 * runtime where they differ), and one line saying what it does.
 *
 * @param <T> the type of its value
 */
public final class Option<T> {
  private final String name;
  private final String env;
  private final Optional<String> flag;
  private final Set<RunsOn> runsOn;
  private final Map<RunsOn, String> defaults;
  private final String description;
  private final Kind<T> kind;
  private final boolean secret;

  Option(
      String name,
      String env,
      Optional<String> flag,
      Set<RunsOn> runsOn,
      Map<RunsOn, String> defaults,
      String description,
      Kind<T> kind,
      boolean secret) {
    this.name = name;
    this.env = env;
    this.flag = flag;
    this.runsOn = Set.copyOf(runsOn);
    this.defaults = Map.copyOf(defaults);
    this.description = description;
    this.kind = kind;
    this.secret = secret;
    for (RunsOn on : runsOn) {
      kind.parse(defaults.get(on)); // a default that does not parse fails at class load, in tests
    }
  }

  /** e.g. {@code port}. */
  public String name() {
    return name;
  }

  /** e.g. {@code HOOCHAT_PORT}. */
  public String env() {
    return env;
  }

  /** e.g. {@code --port}; empty for an option read from the environment only. */
  public Optional<String> flag() {
    return flag;
  }

  public boolean appliesTo(RunsOn on) {
    return runsOn.contains(on);
  }

  /** The default as text, as the table shows it; empty when the option is unset by default. */
  public Optional<String> defaultText(RunsOn on) {
    return Optional.ofNullable(defaults.get(on));
  }

  /** A key or password: never on the command line (other users see it), never shown. */
  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  /** What the command line's parser reads the text as before HooChat does ({@code int}…). */
  public Class<?> commandLineType() {
    return kind.commandLineType();
  }

  /**
   * How an operator wrote this option where it runs: its flag on the command line, else its
   * variable.
   */
  String label(RunsOn on) {
    return on == RunsOn.STANDALONE && flag.isPresent() ? flag.get() : env;
  }

  T parse(String text, RunsOn on, String label) {
    String given = text == null || text.isBlank() ? defaults.get(on) : text;
    try {
      return kind.parse(given);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(label + " " + e.getMessage(), e);
    }
  }

  void check(T value, String label) {
    try {
      kind.check(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(label + " " + e.getMessage(), e);
    }
  }

  String show(T value) {
    return kind.show(value);
  }

  /** The value for a log line or a report: a secret's is masked. */
  String showSafely(T value) {
    String text = kind.show(value);
    return secret && text != null ? "***" : text;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A row being written: {@code Options.row("port", "HOOCHAT_PORT").flag("--port")…}. */
  static final class Row<T> {
    private final String name;
    private final String env;
    private final Kind<T> kind;
    private Optional<String> flag = Optional.empty();
    private boolean secret;
    private final Set<RunsOn> runsOn = EnumSet.allOf(RunsOn.class);
    private final Map<RunsOn, String> defaults = new EnumMap<>(RunsOn.class);
    private final java.util.function.Consumer<Option<?>> table;

    Row(String name, String env, Kind<T> kind, java.util.function.Consumer<Option<?>> table) {
      this.name = name;
      this.env = env;
      this.kind = kind;
      this.table = table;
    }

    Row<T> flag(String value) {
      flag = Optional.of(value);
      return this;
    }

    Row<T> secret() {
      secret = true;
      return this;
    }

    Row<T> only(RunsOn on) {
      runsOn.retainAll(Set.of(on));
      return this;
    }

    /** The default everywhere it applies. */
    Row<T> byDefault(Object value) {
      for (RunsOn on : RunsOn.values()) {
        defaults.put(on, String.valueOf(value));
      }
      return this;
    }

    /** A different default on one runtime. */
    Row<T> byDefaultOn(RunsOn on, Object value) {
      defaults.put(on, String.valueOf(value));
      return this;
    }

    Option<T> is(String description) {
      Option<T> option = new Option<>(name, env, flag, runsOn, defaults, description, kind, secret);
      table.accept(option);
      return option;
    }
  }
}
