package dev.hoochat.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.OnionArchitecture;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * HooChat's architecture as ArchUnit rules, written once against a root package: the real code is
 * checked under {@code dev.hoochat}, and the deliberately bad fixture under {@code
 * dev.hoochat.archfixture} proves that each rule reports what it should.
 */
final class HooChatRules {
  /** JDK packages a pure domain may use: language, collections, time, text and crypto. */
  private static final List<String> DOMAIN_JDK =
      List.of(
          "java.lang..",
          "java.util",
          "java.util.function..",
          "java.util.regex..",
          "java.util.stream..",
          "java.time..",
          "java.math..",
          "java.nio.charset..",
          "java.security..",
          "javax.crypto..");

  private final String root;

  HooChatRules(String root) {
    this.root = root;
  }

  private String pkg(String relative) {
    return root + "." + relative;
  }

  /** The adapter names ({@code memory}, {@code redis}, …) that have classes in {@code classes}. */
  Set<String> adapterNames(JavaClasses classes) {
    String prefix = pkg("adapters.");
    Set<String> names = new TreeSet<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().startsWith(prefix)) {
        String rest = c.getPackageName().substring(prefix.length());
        int dot = rest.indexOf('.');
        names.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return names;
  }

  /**
   * Domain inside, ports around it, the application's services around those, adapters outside and
   * independent of each other. No layer may be empty; only the wiring ({@code wiring}), outside the
   * onion, may name every adapter — the composition roots ({@code adapters.*.boot}) are part of
   * their inbound adapter and name no other.
   */
  ArchRule onion(Collection<String> adapters) {
    OnionArchitecture onion =
        onionArchitecture()
            .domainModels(pkg("domain.."))
            .domainServices(pkg("application.port.."))
            .applicationServices(
                pkg("application.service.."),
                pkg("application.security.."),
                pkg("application.cache.."),
                pkg("application.metering.."),
                pkg("application.assembly.."));
    for (String adapter : adapters) {
      onion = onion.adapter(adapter, pkg("adapters." + adapter + ".."));
    }
    return onion
        .withOptionalLayers(false)
        .ignoreDependency(resideInAPackage(pkg("wiring..")), alwaysTrue())
        .ignoreDependency(resideInAPackage(pkg("api..")), alwaysTrue())
        .because("the hexagon is wired only in the wiring (docs/architecture.md, Modules)");
  }

  /**
   * API.md's wire format ({@code dev.hoochat.api}) is shared by the inbound adapters, so it sits
   * outside the onion: it may read the domain and the ports, and JSON through jackson-core's
   * streaming API (databind would add most of two megabytes to the Lambda jar), but no adapter,
   * service or server.
   */
  ArchRule theApiWireFormatKnowsOnlyTheDomainThePortsAndJson() {
    return classes()
        .that()
        .resideInAPackage(pkg("api.."))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            pkg("api.."),
            pkg("domain.."),
            pkg("application.port.."),
            "java..",
            "com.fasterxml.jackson.core..",
            "org.slf4j")
        .because("every runtime must answer API.md the same way, whatever serves it");
  }

  ArchRule domainDependsOnlyOnTheJdk() {
    List<String> allowed = new java.util.ArrayList<>(DOMAIN_JDK);
    allowed.add(pkg("domain.."));
    return classes()
        .that()
        .resideInAPackage(pkg("domain.."))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed.toArray(String[]::new))
        .because("the domain is plain Java: no I/O, no logging, no libraries");
  }

  ArchRule applicationDependsOnlyOnDomainJdkAndSlf4j() {
    return classes()
        .that()
        .resideInAPackage(pkg("application.."))
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            pkg("domain.."), pkg("application.."), "java..", "javax.crypto..", "org.slf4j")
        .because(
            "the application knows no server, SDK or framework (docs/architecture.md, Modules)");
  }

  ArchRule insideTheHexagonNothingTalksToTheOutsideWorldDirectly() {
    return noClasses()
        .that()
        .resideInAnyPackage(pkg("domain.."), pkg("application.."))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..", "java.sql..", "java.nio.file..", "java.net.http..", "java.rmi..")
        .because("every server is reached through an outbound port");
  }

  ArchRule nothingInsideTheHexagonReadsTheWallClockOrTheEnvironment() {
    return noClasses()
        .that()
        .resideInAnyPackage(pkg("domain.."), pkg("application.."))
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .because("time comes from the Clock port and configuration from the composition root");
  }

  ArchRule adaptersDoNotDependOnEachOther() {
    return slices()
        .matching(pkg("adapters.(*).."))
        .should()
        .notDependOnEachOther()
        .because("only the wiring chooses and opens adapters (docs/architecture.md, Modules)");
  }

  /**
   * A composition root ({@code adapters.X.boot}) adds its inbound adapter X and its pusher to what
   * the wiring opened; it does not switch over stores and caches itself, so it depends on no other
   * adapter's package. Adding a backend is then one case in the wiring, not one per runtime.
   */
  ArchRule compositionRootsDoNotSwitchOverAdapters() {
    String adapters = pkg("adapters.");
    return classes()
        .that()
        .resideInAPackage(pkg("adapters.*.boot.."))
        .should(
            new ArchCondition<JavaClass>("depend on no adapter but their own") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                String own = adapterOf(origin.getPackageName(), adapters);
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  String target = adapterOf(d.getTargetClass().getPackageName(), adapters);
                  if (target != null && !target.equals(own)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .because(
            "the composition roots open their backends through the wiring (docs/architecture.md,"
                + " Modules)");
  }

  private static String adapterOf(String packageName, String adapters) {
    if (!packageName.startsWith(adapters)) {
      return null;
    }
    String rest = packageName.substring(adapters.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /** The wiring is the outer ring's: only composition roots (and the wiring itself) use it. */
  ArchRule onlyCompositionRootsUseTheWiring() {
    return noClasses()
        .that()
        .resideOutsideOfPackages(pkg("adapters.*.boot.."), pkg("wiring.."))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("wiring.."))
        .because("an adapter or the core that names the wiring is bound to every backend");
  }

  /**
   * SQL is one module's: the schema, its migrations and the transactions that keep a write whole
   * are argued in adapters-sqlite/README.md, and would not hold if another class opened the
   * database. The wiring reaches it through {@code SqliteStores}, never JDBC.
   */
  ArchRule onlyTheSqliteAdapterSpeaksSql() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(pkg("adapters.sqlite.."))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
        .because("the database is written only through the SQLite adapter (its README)");
  }

  ArchRule inboundPortsDoNotDependOnOutboundPorts() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("application.port.in.."))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("application.port.out.."))
        .because("a driving adapter must not see what the core drives");
  }

  ArchRule outboundPortsDoNotDependOnInboundPorts() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("application.port.out.."))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("application.port.in.."))
        .because("a driven adapter must not see the use cases");
  }

  ArchRule inboundPortsAreUseCases() {
    return classes()
        .that()
        .resideInAPackage(pkg("application.port.in.."))
        .and()
        .areInterfaces()
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveFullyQualifiedName(pkg("application.port.in.Chat"))
        .should()
        .haveSimpleNameEndingWith("UseCase")
        .because(
            "each inbound port is one use case (their commands and answers nest inside); Chat"
                + " only hands them out");
  }

  /**
   * Adapters reach the core through its ports alone: an inbound adapter is given {@code
   * port.in.Chat}, never the concrete assembly, a service, the cache policy or the metering; an
   * outbound adapter implements a {@code port.out} interface. Only the composition roots see the
   * rest.
   */
  ArchRule adaptersSeeTheCoreOnlyThroughItsPorts() {
    return noClasses()
        .that()
        .resideInAPackage(pkg("adapters.."))
        .and()
        .resideOutsideOfPackage(pkg("adapters.*.boot.."))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("application.service.."),
            pkg("application.assembly.."),
            pkg("application.security.."),
            pkg("application.cache.."),
            pkg("application.metering.."))
        .because(
            "an adapter that names a service or the assembly is bound to how the core is built");
  }

  ArchRule useCasesAreImplementedByServices() {
    return classes()
        .that()
        .implement(
            simpleNameEndingWith("UseCase").and(resideInAPackage(pkg("application.port.in.."))))
        .and()
        .areNotInterfaces()
        .should()
        .haveSimpleNameEndingWith("Service")
        .andShould()
        .resideInAPackage(pkg("application.service.."));
  }

  ArchRule outboundAdaptersAreNamedAdapter() {
    return classes()
        .that()
        .resideInAPackage(pkg("adapters.."))
        .and()
        .areNotInterfaces()
        .and()
        .areNotAnonymousClasses()
        .and()
        .implement(resideInAPackage(pkg("application.port.out..")))
        .should()
        .haveSimpleNameEndingWith("Adapter")
        .because(
            "docs/architecture.md: classes that implement an outbound port are named *Adapter");
  }

  /** One slice per package: no package of HooChat may reach back into one that reaches it. */
  ArchRule packagesAreFreeOfCycles() {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  List<ArchRule> codingRules() {
    return List.of(
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS,
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS,
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING,
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME);
  }
}
