package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.alert.Policy;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.InfeasibleTrajectoryException;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.GeoPoint;

class ScenarioLoaderTest {

  @ParameterizedTest
  @ValueSource(strings = {TestScenarios.DNIPRO, TestScenarios.KHARKIV, TestScenarios.BLACK_SEA})
  void publicScenariosParseWithTheDefaultPolicy(String name) {
    Scenario scenario = TestScenarios.load(name);

    assertThat(scenario.name()).isEqualTo(name);
    assertThat(scenario.areas()).isEqualTo("ua-hromadas");
    assertThat(scenario.description()).isPresent();
    assertThat(scenario.policy()).isEqualTo(Policy.DEFAULT);
    assertThat(scenario.policy().threshold()).isEqualTo(0.001);
    assertThat(scenario.policy().bufferKm()).isEqualTo(5);
    assertThat(scenario.policy().shelterLead()).isEqualTo(Duration.ofSeconds(300));
    assertThat(scenario.policy().allClearAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(scenario.start()).isBefore(scenario.firstLaunch());
  }

  @Test
  void theFormatDocumentedInTheProjectIsTheOneTheLoaderReads() throws IOException {
    String yaml = TestScenarios.documentedBlock("yaml");

    Scenario scenario = ScenarioLoader.parse(yaml, "docs/SCENARIOS.md");

    assertThat(scenario.name()).isEqualTo("dnipro-2024-11-21");
    assertThat(scenario.start()).isEqualTo(Instant.parse("2024-11-21T01:55:00Z"));
    assertThat(scenario.seed()).isEqualTo(42);
    assertThat(scenario.policy()).as("the documented defaults").isEqualTo(Policy.DEFAULT);
    assertThat(scenario.threats()).hasSize(1);
    assertThat(scenario.threats().get(0).reentryVehicles()).isEqualTo(6);
    assertThat(scenario.sensors()).hasSize(2);
  }

  @Test
  void dniproScenarioReadsAsWritten() {
    Scenario scenario = TestScenarios.load(TestScenarios.DNIPRO);

    assertThat(scenario.start()).isEqualTo(Instant.parse("2024-11-21T01:55:00Z"));
    assertThat(scenario.seed()).isEqualTo(20241121);
    assertThat(scenario.threats())
        .containsExactly(
            new Threat(
                "T1",
                ThreatClass.IRBM,
                GeoPoint.of(48.58, 45.75),
                Instant.parse("2024-11-21T02:00:00Z"),
                GeoPoint.of(48.44, 35.01),
                new FitConstraint.FlightTime(900),
                6,
                2));
    assertThat(scenario.sensors())
        .containsExactly(
            new LaunchDetectionSensor("ir-1", Duration.ofSeconds(60), 5, 5),
            new RadarSensor(
                "radar-poltava",
                new GeoPoint(49.59, 34.55, 160),
                Duration.ofSeconds(2),
                100,
                1.0,
                1.0,
                1,
                3000));
  }

  @Test
  void aThreatWithoutVehicleCountOrDispersionHasOneVehicleAndNoDispersion() {
    Threat threat = TestScenarios.load(TestScenarios.KHARKIV).threats().get(0);

    assertThat(threat.reentryVehicles()).isEqualTo(1);
    assertThat(threat.dispersionKm()).isZero();
    assertThat(threat.constraint()).isEqualTo(new FitConstraint.Apogee(25_000));
  }

  @Test
  void withoutStartTheClockStartsFiveMinutesBeforeTheFirstLaunchAndTheSeedIsZero() {
    String twoThreats =
        TestScenarios.MINIMAL.replace(
            "threats:\n",
            """
            threats:
              - id: T0
                class: irbm
                launch: { lat: 48.58, lon: 45.75, time: 2024-11-21T01:59:30Z }
                impact: { lat: 48.44, lon: 35.01 }
                flightTimeS: 900
            """);

    Scenario scenario = ScenarioLoader.parse(twoThreats, "two-threats.yaml");

    assertThat(scenario.start()).isEqualTo(Instant.parse("2024-11-21T01:54:30Z"));
    assertThat(scenario.seed()).isZero();
    assertThat(scenario.description()).isEmpty();
  }

  @Test
  void aPartialPolicyKeepsTheDefaultsOfTheFieldsItLeavesOut() {
    Scenario scenario =
        ScenarioLoader.parse(
            TestScenarios.MINIMAL + "policy:\n  threshold: 0.01\n  allClearAfterS: 60.5\n",
            "policy.yaml");

    assertThat(scenario.policy())
        .isEqualTo(new Policy(0.01, 5, Duration.ofSeconds(300), Duration.ofMillis(60_500)));
  }

  @Test
  void everyProblemOfAnInvalidScenarioIsReportedOnItsOwnLineNamingTheField() {
    String yaml =
        """
        name: Dnipro
        seed: 1.5
        areas: ua-hromadas
        policy: { threshold: 2, bufferKm: 5 }
        threats:
          - id: A
            class: irbm
            launch: { lat: 91.0, lon: 45.75, time: 2024-11-21 02:00 }
            impact: { lat: 48.44, lon: 35.01 }
            flightTimeS: 900
            apogeeKm: 300
          - id: A
            class: cruise
            launch: { lat: 48.58, lon: 45.75, time: 2024-11-21T02:00:00Z }
            impact: { lat: 48.44 }
            apogeeKm: 300
            reentryVehicles: 0
        sensors:
          - id: ir-1
            kind: launch-detection
            latencyS: 0
            positionSigmaKm: -5
            headingSigmaDeg: 5
          - id: sonar-1
            kind: sonar
          - id: radar-1
            kind: radar
            site: { lat: 50.0, lon: 36.2 }
            periodS: 2
            rangeSigmaM: 100
            azimuthSigmaMrad: 1.0
            elevationSigmaMrad: 0
            minElevationDeg: 1
            maxRangeKm: 3000
        """;

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e -> {
              assertThat(e.problems())
                  .containsExactly(
                      "name: must match [a-z0-9-]+, was 'Dnipro'",
                      "seed: must be a whole number, was 1.5",
                      "policy.threshold: must be within (0, 1], was 2",
                      "threats[0].launch.lat: must be within [-90, 90], was 91.0",
                      "threats[0].launch.time: must be an ISO-8601 UTC instant such as"
                          + " 2024-11-21T02:00:00Z, was '2024-11-21 02:00'",
                      "threats[0]: give exactly one of flightTimeS and apogeeKm",
                      "threats[1].id: duplicate id 'A'",
                      "threats[1].class: must be one of srbm, mrbm, irbm, icbm, was 'cruise'",
                      "threats[1].impact.lon: is required",
                      "threats[1].reentryVehicles: must be within [1, 100], was 0",
                      "sensors[0].latencyS: must be positive, was 0",
                      "sensors[0].positionSigmaKm: must be positive, was -5",
                      "sensors[1].kind: must be launch-detection or radar, was 'sonar'",
                      "sensors[2].site.altM: is required",
                      "sensors[2].elevationSigmaMrad: must be positive, was 0");
              assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
            });
  }

  @Test
  void missingRequiredFieldsAreEachNamed() {
    String yaml =
        """
        threats:
          - launch: {}
        sensors:
          - id: radar-1
            kind: radar
        """;

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "empty.yaml"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "name: is required",
                        "areas: is required",
                        "threats[0].id: is required",
                        "threats[0].class: is required",
                        "threats[0].launch.lat: is required",
                        "threats[0].launch.lon: is required",
                        "threats[0].launch.time: is required",
                        "threats[0].impact: is required",
                        "threats[0]: give exactly one of flightTimeS and apogeeKm",
                        "sensors[0].site: is required",
                        "sensors[0].periodS: is required",
                        "sensors[0].rangeSigmaM: is required",
                        "sensors[0].azimuthSigmaMrad: is required",
                        "sensors[0].elevationSigmaMrad: is required",
                        "sensors[0].minElevationDeg: is required",
                        "sensors[0].maxRangeKm: is required"));
  }

  @Test
  void unknownFieldsAreRefusedAtEveryLevel() {
    String yaml =
        TestScenarios.MINIMAL
                .replace("areas: ua-hromadas", "areas: ua-hromadas\ncolour: red")
                .replace("time: 2024-11-21T02:00:00Z }", "time: 2024-11-21T02:00:00Z, altM: 20 }")
                .replace("flightTimeS: 900", "flightTimeS: 900\n    speed: 5")
                .replace("headingSigmaDeg: 5", "headingSigmaDeg: 5\n    site: { lat: 1, lon: 2 }")
            + "policy:\n  bufferM: 5000\n";

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "unknown.yaml"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "policy: unknown field 'bufferM'",
                        "threats[0].launch: unknown field 'altM'",
                        "threats[0]: unknown field 'speed'",
                        "sensors[0]: unknown field 'site'",
                        "scenario: unknown field 'colour'"));
  }

  @Test
  void aFlightTimeThatNoArcOfTheClassCanHaveIsRefusedWithTheFittersReason() {
    String fitterReason =
        assertThatThrownBy(
                () ->
                    new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM))
                        .fit(
                            new FitRequest(
                                GeoPoint.of(48.58, 45.75),
                                GeoPoint.of(48.44, 35.01),
                                Instant.parse("2024-11-21T02:00:00Z"),
                                new FitConstraint.FlightTime(60))))
            .isInstanceOf(InfeasibleTrajectoryException.class)
            .actual()
            .getMessage();

    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    TestScenarios.MINIMAL.replace("flightTimeS: 900", "flightTimeS: 60"), "x"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("threats[0].flightTimeS: " + fitterReason));
    assertThat(fitterReason).contains("too short for any ballistic arc");
  }

  @Test
  void absurdVehicleCountsAndApogeesAreRefusedBeforeAnyFit() {
    String yaml =
        TestScenarios.MINIMAL.replace(
            "flightTimeS: 900", "apogeeKm: 1e306\n    reentryVehicles: 10000000000");

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "threats[0].apogeeKm: must be within (0, 100000], was 1.0E306",
                        "threats[0].reentryVehicles: must be within [1, 100], was 10000000000"));
  }

  @Test
  void timesMustBeUtcInstants() {
    for (String time : List.of("2024-11-21T04:00:00+02:00", "2024-11-21", "1732154400")) {
      String yaml = TestScenarios.MINIMAL.replace("2024-11-21T02:00:00Z", time);

      assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x"))
          .isInstanceOf(InvalidScenarioException.class)
          .hasMessageStartingWith("threats[0].launch.time: must be an ISO-8601 UTC instant");
    }
    assertThat(
            ScenarioLoader.parse(TestScenarios.MINIMAL.replace("02:00:00Z", "02:00:00+00:00"), "x")
                .firstLaunch())
        .isEqualTo(Instant.parse("2024-11-21T02:00:00Z"));
  }

  @Test
  void aStartAfterTheFirstLaunchIsRefused() {
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "start: 2024-11-21T02:00:01Z\n" + TestScenarios.MINIMAL, "late.yaml"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessage(
            "start: must not be after the first launch at 2024-11-21T02:00:00Z,"
                + " was 2024-11-21T02:00:01Z");
  }

  @Test
  void textFieldsMustBeTextAndListsMustBeLists() {
    String yaml =
        TestScenarios.MINIMAL
                .replace("id: T1", "id: 1")
                .replace("areas: ua-hromadas", "areas: [a, b]")
            + "description: { a: 1 }\n";

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "description: must be text, was a mapping",
                        "areas: must be text, was a list",
                        "threats[0].id: must be text, was 1"));
    assertThatThrownBy(
            () -> ScenarioLoader.parse("name: x\nareas: y\nthreats: 3\nsensors: []", "x"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "threats: must be a list, was 3",
                        "sensors: must list at least one, was empty"));
  }

  @Test
  void malformedYamlIsRefusedNamingTheSourceAndLine() {
    assertThatThrownBy(() -> ScenarioLoader.parse("name: [unclosed\nareas: x\n", "broken.yaml"))
        .isInstanceOfSatisfying(
            InvalidScenarioException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .isEqualTo(
                        "broken.yaml:2:6: not valid YAML: while parsing a flow sequence;"
                            + " expected ',' or ']', but got :"));
  }

  @Test
  void aKeyGivenTwiceIsRefusedRatherThanSilentlyOverwritten() {
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    TestScenarios.MINIMAL.replace(
                        "flightTimeS: 900", "flightTimeS: 900\n    flightTimeS: 800"),
                    "twice.yaml"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("twice.yaml:")
        .hasMessageContaining("flightTimeS");
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefused() {
    for (String yaml : List.of("", "- a\n- b\n", "just text")) {
      assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x"))
          .isInstanceOf(InvalidScenarioException.class)
          .hasMessageStartingWith("scenario: must be a mapping of fields, was ");
    }
  }

  @Test
  void aMissingFileIsAnInputOutputError() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("no", "such", "scenario.yaml")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void descriptionIsKeptWhenGiven() {
    assertThat(
            ScenarioLoader.parse(TestScenarios.MINIMAL + "description: a test\n", "x")
                .description())
        .isEqualTo(Optional.of("a test"));
  }
}
