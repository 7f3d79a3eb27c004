package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.wiring.Option;
import dev.hoochat.wiring.Options;
import dev.hoochat.wiring.RunsOn;
import dev.hoochat.wiring.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The table of settings ({@link Options}) as picocli options: each row with a flag becomes an
 * option whose fallback is its environment variable, described with the table's line and default.
 * The defaults themselves are applied by {@link Settings}, once; picocli only parses.
 */
final class TableOptions {
  private TableOptions() {}

  /** Adds the standalone rows {@code which} selects to {@code spec}. */
  static CommandSpec add(CommandSpec spec, Predicate<Option<?>> which) {
    for (Option<?> option : Options.on(RunsOn.STANDALONE)) {
      if (option.flag().isEmpty() || !which.test(option)) {
        continue;
      }
      String description =
          option.description().replace("`", "")
              + option.defaultText(RunsOn.STANDALONE).map(d -> " (default " + d + ")").orElse("")
              + " [env "
              + option.env()
              + "]";
      spec.addOption(
          OptionSpec.builder(option.flag().get())
              .type(option.commandLineType())
              .paramLabel("<" + option.name() + ">")
              .defaultValue("${env:" + option.env() + "}")
              .description(description)
              .build());
    }
    return spec;
  }

  /**
   * The settings as given: an option of {@code spec} from the command line (or its variable), an
   * option without a flag from the environment, any other from the table's default.
   *
   * @throws dev.hoochat.wiring.InvalidSettingException naming the option that does not parse
   */
  static Settings read(CommandSpec spec, Map<String, String> env) {
    return Settings.read(
        RunsOn.STANDALONE,
        option -> {
          if (option.flag().isEmpty()) {
            return env.get(option.env());
          }
          OptionSpec given = spec.findOption(option.flag().get());
          Object value = given == null ? null : given.getValue();
          return value == null ? null : value.toString();
        });
  }

  /** A row by its flag, for a command that adds only some. */
  static Predicate<Option<?>> flags(List<Option<?>> rows) {
    return rows::contains;
  }
}
