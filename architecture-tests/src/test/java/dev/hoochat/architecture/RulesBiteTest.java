package dev.hoochat.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-test: every rule of {@link HooChatRules}, run over the deliberately bad classes in {@code
 * dev.hoochat.archfixture}, reports the violation planted for it — so a green {@link
 * ArchitectureTest} means the rules held, not that they matched nothing.
 */
class RulesBiteTest {
  private static final String FIXTURE = "dev.hoochat.archfixture";
  private static final HooChatRules RULES = new HooChatRules(FIXTURE);
  private static JavaClasses fixture;

  @BeforeAll
  static void importTheFixtureIncludingTestClasses() {
    fixture = new ClassFileImporter().importPackages(FIXTURE);
  }

  private static String report(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation())
        .as("%s should report a violation", rule.getDescription())
        .isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }

  private static String report(ArchRule rule) {
    return report(rule, fixture);
  }

  @Test
  void theFixtureHasTheAdaptersItPretendsToHave() {
    assertThat(RULES.adapterNames(fixture)).containsExactly("memory", "redis");
  }

  @Test
  void theOnionReportsAnOuterDependencyOfTheDomainAndAnAdapterUsingAnother() {
    String report = report(RULES.onion(RULES.adapterNames(fixture)));

    assertThat(report).contains("Leaky").contains("Greeter");
    assertThat(report).contains("MemoryGreeter").contains("RedisGreeterAdapter");
    assertThat(report).contains("SwitchingRoot");
    assertThat(report).doesNotContain("GreeterBackends").doesNotContain("GoodRoot");
  }

  @Test
  void theApiWireFormatMayReadTheDomainButNoAdapter() {
    String report = report(RULES.theApiWireFormatKnowsOnlyTheDomainThePortsAndJson());

    assertThat(report).contains("WireFormat").contains("MemoryGreeter");
    assertThat(report).doesNotContain("Name");
  }

  @Test
  void theOnionFailsOnAnEmptyLayer() {
    JavaClasses withoutCaches =
        new ClassFileImporter()
            .importPackages(
                FIXTURE + ".domain", FIXTURE + ".application.port", FIXTURE + ".adapters");

    assertThat(report(RULES.onion(Set.of("memory", "redis")), withoutCaches))
        .containsIgnoringCase("empty");
    assertThat(report(RULES.onion(List.of("memory", "redis", "lambda"))))
        .containsIgnoringCase("empty")
        .contains("lambda");
  }

  @Test
  void theDomainMayNotUseLoggingFilesOrAnythingOutsideTheJdk() {
    String report = report(RULES.domainDependsOnlyOnTheJdk());

    assertThat(report).contains("java.util.logging.Logger").contains("java.io.File");
    assertThat(report).contains("Greeter");
    assertThat(report).doesNotContain("Name.");
  }

  @Test
  void theApplicationMayNotUseALibraryBesidesSlf4j() {
    assertThat(report(RULES.applicationDependsOnlyOnDomainJdkAndSlf4j()))
        .contains("GreetHandler")
        .contains("com.tngtech.archunit");
  }

  @Test
  void insideTheHexagonNoSocketsFilesOrDatabases() {
    assertThat(report(RULES.insideTheHexagonNothingTalksToTheOutsideWorldDirectly()))
        .contains("java.net.URI");
  }

  @Test
  void insideTheHexagonNoWallClock() {
    assertThat(report(RULES.nothingInsideTheHexagonReadsTheWallClockOrTheEnvironment()))
        .contains("Leaky")
        .contains("Instant.now()");
  }

  @Test
  void anAdapterUsingAnotherIsReportedButTheWiringIsNot() {
    String report = report(RULES.adaptersDoNotDependOnEachOther());

    assertThat(report).contains("MemoryGreeter").contains("SwitchingRoot");
    assertThat(report).doesNotContain("GreeterBackends").doesNotContain("GoodRoot");
  }

  @Test
  void aCompositionRootThatSwitchesOverAdaptersIsReported() {
    String report = report(RULES.compositionRootsDoNotSwitchOverAdapters());

    assertThat(report).contains("SwitchingRoot").contains("MemoryGreeter");
    assertThat(report).doesNotContain("GoodRoot").doesNotContain("GreeterBackends");
  }

  @Test
  void anAdapterReachingForTheWiringIsReportedButACompositionRootIsNot() {
    String report = report(RULES.onlyCompositionRootsUseTheWiring());

    assertThat(report).contains("WiringPeek");
    assertThat(report).doesNotContain("GoodRoot");
  }

  @Test
  void sqlOutsideTheSqliteAdapterIsReported() {
    assertThat(report(RULES.onlyTheSqliteAdapterSpeaksSql()))
        .contains("SqlPeek")
        .contains("java.sql.Connection")
        .doesNotContain("GreeterBackends");
  }

  @Test
  void portsInAndOutMayNotLeanOnEachOther() {
    assertThat(report(RULES.inboundPortsDoNotDependOnOutboundPorts())).contains("Frobnicate");
    assertThat(report(RULES.outboundPortsDoNotDependOnInboundPorts())).contains("Echo");
  }

  @Test
  void anAdapterHandedAConcreteServiceIsReported() {
    assertThat(report(RULES.adaptersSeeTheCoreOnlyThroughItsPorts()))
        .contains("GreetingShortcut")
        .contains("GreetService")
        .doesNotContain("RedisGreeterAdapter");
  }

  @Test
  void namingRulesReportTheMisnamedClassesOnly() {
    assertThat(report(RULES.inboundPortsAreUseCases()))
        .contains("Frobnicate")
        .doesNotContain("GreetUseCase")
        .doesNotContain("port.in.Chat");
    assertThat(report(RULES.useCasesAreImplementedByServices()))
        .contains("GreetHandler")
        .doesNotContain("GreetService");
    assertThat(report(RULES.outboundAdaptersAreNamedAdapter()))
        .contains("MemoryGreeter")
        .doesNotContain("RedisGreeterAdapter");
  }

  @Test
  void aPackageCycleIsReported() {
    assertThat(report(RULES.packagesAreFreeOfCycles())).contains("Loop").contains("Back");
  }

  @Test
  void standardStreamsGenericExceptionsAndJavaUtilLoggingAreReported() {
    List<ArchRule> rules = RULES.codingRules();

    assertThat(report(rules.get(0))).contains("System.out");
    assertThat(report(rules.get(1))).contains("RuntimeException");
    assertThat(report(rules.get(2))).contains("Leaky.LOG");
  }

  @Test
  void aRuleThatMatchesNothingFailsInsteadOfPassing() {
    JavaClasses domainOnly = new ClassFileImporter().importPackages(FIXTURE + ".domain");

    for (ArchRule rule :
        List.of(
            RULES.useCasesAreImplementedByServices(),
            RULES.outboundAdaptersAreNamedAdapter(),
            RULES.inboundPortsAreUseCases())) {
      assertThatThrownBy(() -> rule.check(domainOnly))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("failed to check any classes");
    }
  }
}
