package org.tocsin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure core (geo, flight, track, predict, area, alert, cap, atlas) is plain computation: it
 * never reaches an edge package, a server, a database or a broker, and never reads the wall clock,
 * so that every stage replays identically on a simulated clock.
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

  private static final String[] EDGES = {
    "org.tocsin.store..",
    "org.tocsin.bus..",
    "org.tocsin.delivery..",
    "org.tocsin.sirens..",
    "org.tocsin.web..",
    "org.tocsin.sim..",
    "org.tocsin.sensors..",
    "org.tocsin.cli.."
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

  @Test
  void coreNeverDependsOnAnEdgePackage() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(EDGES));
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

  /**
   * The sensor simulator reaches a server as real sensors do, over HTTP only: never its routes, its
   * store or its HTTP server, so a replay proves what a sensor in the field would meet.
   */
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
