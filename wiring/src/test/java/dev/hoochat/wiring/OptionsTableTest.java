package dev.hoochat.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md shows the table of settings as {@link Options} has it. To regenerate it
 * after changing a row: {@code mvn -pl wiring test -Dtest=OptionsTableTest -Dhoochat.docs.write}.
 */
class OptionsTableTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void theDocumentShowsTheTableAsTheCodeHasIt() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(OptionsTable.BEGIN);
    int end = doc.indexOf(OptionsTable.END);
    assertThat(begin).as("the table's opening marker in %s", DOC).isNotNegative();
    assertThat(end).as("the table's closing marker in %s", DOC).isGreaterThan(begin);
    String shown = doc.substring(begin + OptionsTable.BEGIN.length(), end).strip() + "\n";
    String generated = OptionsTable.markdown();
    if (System.getProperty("hoochat.docs.write") != null && !shown.equals(generated)) {
      Files.writeString(
          DOC,
          doc.substring(0, begin + OptionsTable.BEGIN.length())
              + "\n"
              + generated
              + doc.substring(end),
          StandardCharsets.UTF_8);
      shown = generated;
    }

    assertThat(shown)
        .as("docs/configuration.md's table; regenerate it with -Dhoochat.docs.write")
        .isEqualTo(generated);
  }

  @Test
  void everyRowHasItsOwnNameVariableAndFlagAndADescription() {
    Set<String> names = new HashSet<>();
    Set<String> variables = new HashSet<>();
    Set<String> flags = new HashSet<>();
    for (Option<?> option : Options.all()) {
      assertThat(names.add(option.name())).as(option.name()).isTrue();
      assertThat(variables.add(option.env())).as(option.env()).isTrue();
      option.flag().ifPresent(flag -> assertThat(flags.add(flag)).as(flag).isTrue());
      assertThat(option.description()).as(option.name()).isNotBlank().doesNotContain("\n");
      assertThat(option.secret() && option.flag().isPresent())
          .as("%s: a secret is never an option on the command line", option.name())
          .isFalse();
    }
  }
}
