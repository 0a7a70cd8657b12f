package org.tocsin;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure core (geo, flight, track, predict, area, alert, cap, atlas) is plain computation: it
 * never reaches an edge package, a server, a database or a broker, and never reads the wall clock,
 * so that every stage replays identically on a simulated clock.
 *
 * <p>Between the edges: {@code store} keeps what the core decides and knows no other edge; {@code
 * node} is the runtime (the one writer, its event feed, the journal's replay) and never reaches the
 * adapters that serve it ({@code web}, {@code sirens}, {@code delivery}, {@code cli}); {@code web}
 * is routes, views and the SSE adapter over {@code node}: it never sees the simulator and never
 * reads or writes the journal or the database itself (it uses the store's accounts, drafts,
 * sessions and upstream messages, which keep their own rules). Only {@code cli} assembles
 * everything.
 */
class ArchitectureTest {

  private static final String[] CORE = {
    "org.tocsin.geo..",
    "org.tocsin.flight..",
    "org.tocsin.track..",
    "org.tocsin.predict..",
    "org.tocsin.area..",
    "org.tocsin.alert..",
    "org.tocsin.cap..",
    "org.tocsin.atlas.."
  };

  /**
   * Every other package: each must be named here, so that a new package is placed on purpose (and a
   * package named here must exist, see {@link #everyPackageIsCoreOrANamedEdge}).
   */
  private static final String[] EDGES = {
    "org.tocsin.ingest..",
    "org.tocsin.store..",
    "org.tocsin.node..",
    "org.tocsin.bus..",
    "org.tocsin.cluster..",
    "org.tocsin.delivery..",
    "org.tocsin.sirens..",
    "org.tocsin.web..",
    "org.tocsin.sim..",
    "org.tocsin.sensors..",
    "org.tocsin.cli.."
  };

  /** What the web reaches only through the node and the store's own types. */
  private static final String[] DATABASE = {
    "java.sql..",
    "javax.sql..",
    "org.jdbi..",
    "org.flywaydb..",
    "com.zaxxer.hikari..",
    "org.postgresql..",
    "org.h2.."
  };

  private static final String[] INFRASTRUCTURE = {
    "org.eclipse.jetty..", "io.javalin..", "jakarta.servlet..", "java.sql..", "javax.sql..",
    "org.jdbi..", "org.flywaydb..", "com.zaxxer.hikari..", "org.postgresql..", "org.h2..",
    "org.apache.kafka..", "com.hivemq..", "org.eclipse.paho..", "picocli.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tocsin");
  }

  /** Any Tocsin package outside the core is an edge, whether named here yet or not. */
  @Test
  void coreNeverDependsOnAnEdgePackage() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat(
                resideInAPackage("org.tocsin..").and(resideOutsideOfPackages(CORE))));
  }

  @Test
  void everyPackageIsCoreOrANamedEdge() {
    Set<String> named =
        Stream.concat(Arrays.stream(CORE), Arrays.stream(EDGES))
            .map(pattern -> pattern.substring(0, pattern.length() - 2))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> present =
        classes.stream()
            .map(JavaClass::getPackageName)
            .filter(name -> name.startsWith("org.tocsin."))
            .map(name -> name.split("\\.")[2])
            .map(top -> "org.tocsin." + top)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(present).as("packages, each named in CORE or EDGES").isEqualTo(named);
  }

  /** The store keeps what the core decides: it knows no other edge. */
  @Test
  void storeDependsOnTheCoreOnly() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(except("org.tocsin.store..")));
  }

  /** The runtime never reaches what serves it: the page, the sirens, the channels, the commands. */
  @Test
  void nodeNeverDependsOnItsAdapters() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.node..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.tocsin.web..",
                "org.tocsin.sirens..",
                "org.tocsin.delivery..",
                "org.tocsin.cli..",
                "io.javalin..",
                "org.eclipse.jetty..",
                "jakarta.servlet.."));
  }

  /**
   * Only the scenario replay (a rehearsal's or the demo's synthetic reports) runs the simulator in
   * the node: the writer and the journal's replay never see it.
   */
  @Test
  void onlyTheScenarioReplayInTheNodeSeesTheSimulator() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.node..")
            .and()
            .haveNameNotMatching("org\\.tocsin\\.node\\.ScenarioReplay(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tocsin.sim.."));
  }

  @Test
  void webNeverSeesTheSimulatorNorTheCommandLine() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.tocsin.sim..", "org.tocsin.cli.."));
  }

  /**
   * The web serves the node's state: the journal is the node's to write and replay, the database
   * the store's to query.
   */
  @Test
  void webNeverReachesTheJournalNorTheDatabase() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATABASE)
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching(
                "org\\.tocsin\\.store\\.(Journal|JournalCodec|JournalRecord|RecordKind|ActionKind"
                    + "|Outbox|OutboxMessage)(\\$.*)?"));
  }

  /** The sirens and the delivery channels follow the node's events and the store's outbox. */
  @Test
  void sirensAndDeliveryNeverDependOnTheWebNorTheCommandLine() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("org.tocsin.sirens..", "org.tocsin.delivery..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.tocsin.web..", "org.tocsin.cli.."));
  }

  /**
   * The engine never sees the simulator's truth: only sensor reports cross from {@code sim} into
   * tracking, prediction and decisions.
   */
  @Test
  void trackingPredictionAndDecisionsNeverSeeTheSimulator() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("org.tocsin.track..", "org.tocsin.predict..", "org.tocsin.alert..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tocsin.sim.."));
  }

  @Test
  void coreNeverTouchesServersDatabasesOrBrokers() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INFRASTRUCTURE));
  }

  /**
   * Kafka stays behind the bus's own types (logs, readers, the engine lease), so that a single node
   * runs without it and the rest of the code never handles a broker's client or its exceptions.
   */
  @Test
  void onlyTheBusUsesKafka() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("org.tocsin.bus..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.kafka.."));
  }

  @Test
  void coreNeverReadsTheWallClock() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone"));
  }

  /** Every edge but {@code own}. */
  private static String[] except(String own) {
    return Arrays.stream(EDGES).filter(edge -> !edge.equals(own)).toArray(String[]::new);
  }

  /**
   * The sensor simulator reaches a server as real sensors do, over HTTP only: never its routes, its
   * store or its HTTP server, so a replay proves what a sensor in the field would meet.
   */
  @Test
  void theClusterJoinsTheNodeAndTheBusOnly() {
    // The cluster is the node's writer on the bus's logs: it never serves (web), delivers or sounds
    // sirens itself, and reaches Kafka only through the bus.
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.cluster..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.tocsin.web..",
                "org.tocsin.delivery..",
                "org.tocsin.sirens..",
                "org.tocsin.cli..",
                "org.tocsin.sim..",
                "org.apache.kafka..",
                "io.javalin.."));
  }

  @Test
  void theSensorSimulatorReachesServersOverHttpOnly() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.tocsin.sensors..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.tocsin.web..",
                "org.tocsin.store..",
                "org.tocsin.delivery..",
                "io.javalin..",
                "org.eclipse.jetty.."));
  }

  /** Where the core is still empty, a rule has nothing to check; that must not fail it. */
  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(classes);
  }
}
