package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

class SyntheticSensorsTest {

  private static Scenario dnipro;
  private static ScenarioTruth dniproTruth;
  private static List<SyntheticSensors.Report> dniproReports;

  @BeforeAll
  static void observeDnipro() {
    dnipro = TestScenarios.load(TestScenarios.DNIPRO);
    dniproTruth = ScenarioTruth.of(dnipro);
    dniproReports = SyntheticSensors.observeWithTruth(dnipro, dniproTruth);
  }

  @Test
  void thePipelineGetsOnlyObservationsInArrivalOrderThenBySensor() {
    List<Observation> observations = SyntheticSensors.observe(dnipro, dniproTruth);

    assertThat(observations)
        .isEqualTo(dniproReports.stream().map(SyntheticSensors.Report::observation).toList());
    assertThat(observations)
        .allSatisfy(
            observation ->
                assertThat(observation.getClass()).isIn(LaunchDetection.class, RadarPlot.class));
    assertThat(observations)
        .isSortedAccordingTo(
            Comparator.comparing(Observation::time).thenComparing(Observation::sensorId));
    assertThat(observations).hasAtLeastOneElementOfType(LaunchDetection.class);
    assertThat(observations).hasAtLeastOneElementOfType(RadarPlot.class);
  }

  @Test
  void theSameSeedGivesIdenticalObservations() {
    Scenario again = TestScenarios.load(TestScenarios.DNIPRO);

    assertThat(SyntheticSensors.observe(again, ScenarioTruth.of(again)))
        .isEqualTo(SyntheticSensors.observe(dnipro, dniproTruth));
  }

  @Test
  void anotherSeedGivesOtherNoiseAtTheSameTimes() {
    Scenario reseeded = withSensors(dnipro, dnipro.seed() + 1, dnipro.sensors());

    List<Observation> original = SyntheticSensors.observe(dnipro, dniproTruth);
    List<Observation> other = SyntheticSensors.observe(reseeded, dniproTruth);

    assertThat(other)
        .extracting(Observation::time)
        .isEqualTo(original.stream().map(Observation::time).toList());
    for (int i = 0; i < original.size(); i++) {
      assertThat(other.get(i)).isNotEqualTo(original.get(i));
    }
  }

  @Test
  void addingASensorLeavesTheOtherSensorsReportsUnchanged() {
    List<Sensor> more = new ArrayList<>(dnipro.sensors());
    more.add(new LaunchDetectionSensor("ir-2", Duration.ofSeconds(30), 1, 1));

    List<Observation> withMore =
        SyntheticSensors.observe(withSensors(dnipro, dnipro.seed(), more), dniproTruth);

    assertThat(withMore.stream().filter(o -> !o.sensorId().equals("ir-2")).toList())
        .isEqualTo(SyntheticSensors.observe(dnipro, dniproTruth));
    assertThat(withMore).filteredOn(o -> o.sensorId().equals("ir-2")).hasSize(1);
  }

  @Test
  void aLaunchDetectionArrivesItsLatencyAfterLaunchWithTheTrueLaunchTimeAndTheSensorsSigmas() {
    Threat threat = dnipro.threats().get(0);

    List<LaunchDetection> detections =
        dniproReports.stream()
            .map(SyntheticSensors.Report::observation)
            .filter(LaunchDetection.class::isInstance)
            .map(LaunchDetection.class::cast)
            .toList();

    assertThat(detections).hasSize(1);
    LaunchDetection detection = detections.get(0);
    assertThat(detection.sensorId()).isEqualTo("ir-1");
    assertThat(detection.time()).isEqualTo(Instant.parse("2024-11-21T02:01:00Z"));
    assertThat(detection.launchTime()).isEqualTo(threat.launchTime());
    assertThat(detection.positionSigmaM()).isEqualTo(5_000);
    assertThat(detection.headingSigmaDeg()).isEqualTo(5);
    assertThat(Geodesics.WGS84.distanceM(detection.launchPoint(), threat.launchPoint()))
        .isGreaterThan(0)
        .isLessThan(5 * 5_000);
  }

  /** One detector, many threats: the errors follow the detector's sigmas. */
  @Test
  void launchDetectionErrorsHaveZeroMeanAndTheDetectorsSigmas() {
    Threat threat = dnipro.threats().get(0);
    LaunchDetectionSensor sensor = new LaunchDetectionSensor("ir", Duration.ofSeconds(45), 4, 6);
    double trueHeadingDeg =
        Geodesics.WGS84.inverse(threat.launchPoint(), threat.impact()).initialAzimuthDeg();
    LocalFrame atLaunch = Ellipsoid.WGS84.localFrameAt(threat.launchPoint());

    List<LaunchDetection> detections =
        LaunchDetectionSimulator.observe(
            sensor, Collections.nCopies(4_000, threat), new Random(11));

    assertThat(detections)
        .allSatisfy(d -> assertThat(d.time()).isEqualTo(threat.launchTime().plusSeconds(45)));
    assertNormal(
        detections, d -> atLaunch.toEnu(Ellipsoid.WGS84.toEcef(d.launchPoint())).getX() / 4_000);
    assertNormal(
        detections, d -> atLaunch.toEnu(Ellipsoid.WGS84.toEcef(d.launchPoint())).getY() / 4_000);
    assertNormal(detections, d -> angleDifferenceDeg(d.headingDeg(), trueHeadingDeg) / 6);
  }

  /**
   * Every plot is of a vehicle in flight that the radar sees (elevation at least the minimum, slant
   * range at most the maximum), at a look time, and every such vehicle at every look is plotted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenariosWithRadars")
  void radarsPlotExactlyTheVehiclesTheyCanSeeAtEachLook(String name, Scenario scenario) {
    ScenarioTruth truth = ScenarioTruth.of(scenario);
    List<TruePlot> plots = truePlots(SyntheticSensors.observeWithTruth(scenario, truth));
    Map<String, RadarSensor> radars =
        scenario.sensors().stream()
            .filter(RadarSensor.class::isInstance)
            .map(RadarSensor.class::cast)
            .collect(Collectors.toMap(Sensor::id, radar -> radar));

    Set<String> expected = new HashSet<>();
    for (RadarSensor radar : radars.values()) {
      LocalFrame site = Ellipsoid.WGS84.localFrameAt(radar.site());
      for (VehicleTruth vehicle : truth.vehicles()) {
        for (Instant time = scenario.start();
            !time.isAfter(vehicle.impactTime());
            time = time.plus(radar.period())) {
          if (!time.isBefore(vehicle.launchTime())
              && visible(radar, site, vehicle.trajectory().stateAt(time).positionEcefM())) {
            expected.add(key(radar.id(), vehicle, time));
          }
        }
      }
    }

    assertThat(plots).isNotEmpty();
    for (TruePlot plot : plots) {
      RadarSensor radar = radars.get(plot.plot().sensorId());
      Vector3D position = plot.vehicle().trajectory().stateAt(plot.plot().time()).positionEcefM();
      LocalFrame site = Ellipsoid.WGS84.localFrameAt(radar.site());
      assertThat(visible(radar, site, position)).as("plot %s is visible", plot).isTrue();
      assertThat(plot.truth()).isEqualTo(RadarMeasurement.of(site, position));
      assertThat(plot.plot().site()).isEqualTo(radar.site());
    }
    assertThat(plots.stream().map(p -> key(p.plot().sensorId(), p.vehicle(), p.plot().time())))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * The public scenarios, and Dnipro seen by a radar whose range and minimum elevation cut the
   * flight short at both ends (the public radars' ranges are never the limit).
   */
  static Stream<Arguments> scenariosWithRadars() {
    Scenario dnipro = TestScenarios.load(TestScenarios.DNIPRO);
    RadarSensor shortRange =
        new RadarSensor(
            "radar-short", new GeoPoint(49.0, 37.0, 100), Duration.ofSeconds(3), 50, 2, 2, 3, 700);
    return Stream.concat(
        Stream.of(TestScenarios.DNIPRO, TestScenarios.KHARKIV, TestScenarios.BLACK_SEA)
            .map(name -> Arguments.of(name, TestScenarios.load(name))),
        Stream.of(
            Arguments.of(
                "dnipro, short-range radar",
                withSensors(dnipro, dnipro.seed(), List.of(shortRange)))));
  }

  @Test
  void radarPlotErrorsHaveZeroMeanAndTheRadarsSigmas() {
    List<TruePlot> plots = truePlots(dniproReports);

    assertThat(plots).hasSizeGreaterThan(2_000);
    assertThat(plots)
        .allSatisfy(
            plot -> {
              assertThat(plot.plot().rangeSigmaM()).isEqualTo(100);
              assertThat(plot.plot().azimuthSigmaRad()).isEqualTo(1e-3);
              assertThat(plot.plot().elevationSigmaRad()).isEqualTo(1e-3);
            });
    assertNormal(
        plots,
        p -> (p.plot().measurement().rangeM() - p.truth().rangeM()) / p.plot().rangeSigmaM());
    assertNormal(
        plots,
        p ->
            Math.IEEEremainder(
                    p.plot().measurement().azimuthRad() - p.truth().azimuthRad(), 2 * Math.PI)
                / p.plot().azimuthSigmaRad());
    assertNormal(
        plots,
        p ->
            (p.plot().measurement().elevationRad() - p.truth().elevationRad())
                / p.plot().elevationSigmaRad());
  }

  @Test
  void theDniproRadarSeesAllSixVehiclesFromEighteenSecondsAfterLaunchUntilTwoSecondsBeforeImpact() {
    List<TruePlot> plots = truePlots(dniproReports);
    Instant launch = dnipro.threats().get(0).launchTime();

    assertThat(plots).hasSize(6 * 441);
    assertThat(plots.get(0).plot().time()).isEqualTo(launch.plusSeconds(18));
    assertThat(plots.get(plots.size() - 1).plot().time()).isEqualTo(launch.plusSeconds(898));
  }

  @Test
  void azimuthsWrapIntoOneTurnAndElevationsClampToTheVertical() {
    assertThat(RadarSimulator.wrapped(-0.1)).isCloseTo(2 * Math.PI - 0.1, within(1e-12));
    assertThat(RadarSimulator.wrapped(2 * Math.PI + 0.1)).isCloseTo(0.1, within(1e-12));
    assertThat(RadarSimulator.wrapped(-1e-18)).isEqualTo(0);
    assertThat(RadarSimulator.clamped(Math.PI / 2 + 0.01)).isEqualTo(Math.PI / 2);
    assertThat(RadarSimulator.clamped(-Math.PI / 2 - 0.01)).isEqualTo(-Math.PI / 2);
    assertThat(LaunchDetectionSimulator.normalizedDeg(-90)).isEqualTo(270);
    assertThat(LaunchDetectionSimulator.normalizedDeg(360)).isEqualTo(0);
    assertThat(LaunchDetectionSimulator.normalizedDeg(-1e-15)).isEqualTo(0);
  }

  /** Elevation and range computed here, independently of the simulator. */
  private static boolean visible(RadarSensor radar, LocalFrame site, Vector3D positionEcefM) {
    Vector3D enu = site.toEnu(positionEcefM);
    double elevationDeg =
        Math.toDegrees(Math.atan2(enu.getZ(), Math.hypot(enu.getX(), enu.getY())));
    return elevationDeg >= radar.minElevationDeg() && enu.getNorm() <= radar.maxRangeKm() * 1000;
  }

  private static String key(String sensorId, VehicleTruth vehicle, Instant time) {
    return sensorId + " " + vehicle.threatId() + "/" + vehicle.vehicleIndex() + " " + time;
  }

  private static List<TruePlot> truePlots(List<SyntheticSensors.Report> reports) {
    return reports.stream().flatMap(report -> report.truePlot().stream()).toList();
  }

  /**
   * The normalised errors look like a standard normal sample: mean within 4 standard errors of 0,
   * standard deviation within 4 of its standard errors (about 1/√(2n)) of 1.
   */
  private static <T> void assertNormal(List<T> samples, ToDoubleFunction<T> normalisedError) {
    double[] errors = samples.stream().mapToDouble(normalisedError).toArray();
    int n = errors.length;
    double mean = java.util.Arrays.stream(errors).average().orElseThrow();
    double variance =
        java.util.Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum() / (n - 1);
    assertThat(mean).isCloseTo(0, within(4 / Math.sqrt(n)));
    assertThat(Math.sqrt(variance)).isCloseTo(1, within(4 / Math.sqrt(2.0 * n)));
  }

  private static double angleDifferenceDeg(double aDeg, double bDeg) {
    return Math.IEEEremainder(aDeg - bDeg, 360);
  }

  private static Scenario withSensors(Scenario scenario, long seed, List<Sensor> sensors) {
    return new Scenario(
        scenario.name(),
        scenario.description(),
        scenario.start(),
        seed,
        scenario.areas(),
        scenario.policy(),
        scenario.threats(),
        sensors);
  }
}
