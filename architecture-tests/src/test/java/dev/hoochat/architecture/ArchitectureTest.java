package dev.hoochat.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Architecture test: the rules of docs/architecture.md over HooChat's production classes. */
class ArchitectureTest {
  private static final HooChatRules RULES = new HooChatRules("dev.hoochat");
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hoochat");
  }

  /**
   * The adapters whose module has main sources in this reactor. Each must be on this module's test
   * class path, or the rules would silently not cover it.
   */
  private static Set<String> adaptersWithSources() throws IOException {
    Set<String> names = new TreeSet<>();
    Path reactor = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> modules = Files.list(reactor)) {
      for (Path module :
          modules.filter(m -> m.getFileName().toString().startsWith("adapters-")).toList()) {
        Path adapters = module.resolve("src/main/java/dev/hoochat/adapters");
        if (Files.isDirectory(adapters)) {
          try (Stream<Path> packages = Files.list(adapters)) {
            packages.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
          }
        }
      }
    }
    return names;
  }

  @Test
  void everyAdapterWithSourcesIsImportedAndTheInMemoryOneAlwaysIs() throws IOException {
    Set<String> imported = RULES.adapterNames(classes);

    assertThat(imported).contains("memory").containsAll(adaptersWithSources());
  }

  @Test
  void theHexagonIsAnOnionWithNoEmptyLayer() {
    RULES.onion(RULES.adapterNames(classes)).check(classes);
  }

  @Test
  void theApiWireFormatKnowsOnlyTheDomainThePortsAndJson() {
    RULES.theApiWireFormatKnowsOnlyTheDomainThePortsAndJson().check(classes);
  }

  @Test
  void theDomainDependsOnlyOnTheJdk() {
    RULES.domainDependsOnlyOnTheJdk().check(classes);
  }

  @Test
  void theApplicationDependsOnlyOnTheDomainTheJdkAndSlf4j() {
    RULES.applicationDependsOnlyOnDomainJdkAndSlf4j().check(classes);
  }

  @Test
  void insideTheHexagonNothingOpensSocketsFilesOrDatabases() {
    RULES.insideTheHexagonNothingTalksToTheOutsideWorldDirectly().check(classes);
  }

  @Test
  void insideTheHexagonNothingReadsTheWallClockOrTheEnvironment() {
    RULES.nothingInsideTheHexagonReadsTheWallClockOrTheEnvironment().check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    RULES.adaptersDoNotDependOnEachOther().check(classes);
  }

  @Test
  void compositionRootsDoNotSwitchOverAdapters() {
    RULES.compositionRootsDoNotSwitchOverAdapters().check(classes);
  }

  @Test
  void onlyCompositionRootsUseTheWiring() {
    RULES.onlyCompositionRootsUseTheWiring().check(classes);
  }

  @Test
  void onlyTheSqliteAdapterSpeaksSql() {
    RULES.onlyTheSqliteAdapterSpeaksSql().check(classes);
  }

  @Test
  void inboundAndOutboundPortsDoNotDependOnEachOther() {
    RULES.inboundPortsDoNotDependOnOutboundPorts().check(classes);
    RULES.outboundPortsDoNotDependOnInboundPorts().check(classes);
  }

  @Test
  void adaptersSeeTheCoreOnlyThroughItsPorts() {
    RULES.adaptersSeeTheCoreOnlyThroughItsPorts().check(classes);
  }

  @Test
  void inboundPortsAreNamedUseCase() {
    RULES.inboundPortsAreUseCases().check(classes);
  }

  @Test
  void useCasesAreImplementedByServices() {
    RULES.useCasesAreImplementedByServices().check(classes);
  }

  @Test
  void outboundAdaptersAreNamedAdapter() {
    RULES.outboundAdaptersAreNamedAdapter().check(classes);
  }

  @Test
  void noPackageIsPartOfACycle() {
    RULES.packagesAreFreeOfCycles().check(classes);
  }

  @Test
  void noStandardStreamsGenericExceptionsOrJavaUtilLogging() {
    for (ArchRule rule : RULES.codingRules()) {
      rule.check(classes);
    }
  }
}
