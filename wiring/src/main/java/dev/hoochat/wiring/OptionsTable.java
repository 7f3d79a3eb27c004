package dev.hoochat.wiring;

import java.util.Optional;

/**
 * The table of settings as docs/configuration.md shows it, generated from {@link Options} so that
 * the documentation cannot drift from what is read ({@code OptionsTableTest} compares them).
 */
public final class OptionsTable {
  /** The lines that enclose the generated table in the document. */
  public static final String BEGIN =
      "<!-- options table: generated from dev.hoochat.wiring.Options -->";

  public static final String END = "<!-- end of options table -->";

  private OptionsTable() {}

  /** One markdown table: every row, with its default on each runtime ("—": not read there). */
  public static String markdown() {
    StringBuilder out =
        new StringBuilder(
            "| option | variable | standalone default | Lambda default | what it does |\n"
                + "|---|---|---|---|---|\n");
    for (Option<?> option : Options.all()) {
      out.append("| ")
          .append(option.flag().map(f -> "`" + f + "`").orElse(""))
          .append(" | `")
          .append(option.env())
          .append("` | ")
          .append(defaultOn(option, RunsOn.STANDALONE))
          .append(" | ")
          .append(defaultOn(option, RunsOn.LAMBDA))
          .append(" | ")
          .append(option.description())
          .append(" |\n");
    }
    return out.toString();
  }

  private static String defaultOn(Option<?> option, RunsOn on) {
    if (!option.appliesTo(on)) {
      return "—";
    }
    Optional<String> text = option.defaultText(on);
    return text.map(t -> "`" + t + "`").orElse("");
  }
}
