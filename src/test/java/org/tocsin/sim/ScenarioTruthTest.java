package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.flight.FitConstraint;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;

class ScenarioTruthTest {

  private static Scenario dnipro;
  private static ScenarioTruth dniproTruth;

  @BeforeAll
  static void flyDnipro() {
    dnipro = TestScenarios.load(TestScenarios.DNIPRO);
    dniproTruth = ScenarioTruth.of(dnipro);
  }

  @Test
  void everyVehicleOfEveryThreatIsFlownInOrder() {
    assertThat(dniproTruth.vehicles())
        .extracting(vehicle -> vehicle.threatId() + "/" + vehicle.vehicleIndex())
        .containsExactly("T1/0", "T1/1", "T1/2", "T1/3", "T1/4", "T1/5");
    assertThat(dniproTruth.vehiclesOf("T1")).hasSize(6);
    assertThat(dniproTruth.vehiclesOf("T2")).isEmpty();
  }

  @Test
  void vehiclesComeDownWithinTheDispersionOfTheMeanImpactPointAndAverageToIt() {
    Threat threat = dnipro.threats().get(0);
    LocalFrame atImpact = Ellipsoid.WGS84.localFrameAt(threat.impact());

    assertThat(dniproTruth.vehicles())
        .allSatisfy(
            vehicle ->
                assertThat(Geodesics.WGS84.distanceM(threat.impact(), vehicle.impactPoint()))
                    .isLessThanOrEqualTo(threat.dispersionKm() * 1000 + 1));
    Vector3D meanEnu =
        dniproTruth.vehicles().stream()
            .map(vehicle -> atImpact.toEnu(Ellipsoid.WGS84.toEcef(vehicle.impactPoint())))
            .reduce(Vector3D.ZERO, Vector3D::add)
            .scalarMultiply(1.0 / dniproTruth.vehicles().size());
    assertThat(Math.hypot(meanEnu.getX(), meanEnu.getY())).isLessThan(1);
    // spread out, not all at the mean
    assertThat(dniproTruth.vehicles())
        .anySatisfy(
            vehicle ->
                assertThat(Geodesics.WGS84.distanceM(threat.impact(), vehicle.impactPoint()))
                    .isGreaterThan(500));
  }

  @Test
  void vehiclesLeaveFromTheLaunchPointAtTheLaunchTimeAndFlyTheReportedFlightTime() {
    Threat threat = dnipro.threats().get(0);

    assertThat(dniproTruth.vehicles())
        .allSatisfy(
            vehicle -> {
              assertThat(vehicle.launchTime()).isEqualTo(threat.launchTime());
              GeoPoint start =
                  Ellipsoid.WGS84.toGeodetic(
                      vehicle.trajectory().flight().initial().positionEcefM());
              assertThat(Geodesics.WGS84.distanceM(start, threat.launchPoint())).isLessThan(1e-3);
              assertThat(vehicle.trajectory().flight().flightTimeS()).isCloseTo(900, within(1e-3));
              assertThat(vehicle.impactTime())
                  .isEqualTo(vehicle.trajectory().flight().impact().state().time());
            });
  }

  @Test
  void singleVehicleThreatsComeDownAtTheirImpactPointWithTheReportedApogee() {
    Scenario salvo = TestScenarios.load(TestScenarios.BLACK_SEA);

    ScenarioTruth truth = ScenarioTruth.of(salvo);

    assertThat(truth.vehicles()).hasSameSizeAs(salvo.threats());
    for (Threat threat : salvo.threats()) {
      VehicleTruth vehicle = truth.vehiclesOf(threat.id()).get(0);
      double apogeeM = ((FitConstraint.Apogee) threat.constraint()).heightM();
      assertThat(Geodesics.WGS84.distanceM(vehicle.impactPoint(), threat.impact())).isLessThan(1);
      assertThat(vehicle.trajectory().flight().apogee().heightM()).isCloseTo(apogeeM, within(1.0));
      assertThat(vehicle.launchTime()).isEqualTo(threat.launchTime());
    }
  }

  @Test
  void theSameSeedGivesTheSameTruthWhateverTheExecutor() {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      ScenarioTruth parallel = ScenarioTruth.of(dnipro, pool);

      assertThat(summary(parallel)).isEqualTo(summary(dniproTruth));
      assertThat(summary(ScenarioTruth.of(dnipro))).isEqualTo(summary(dniproTruth));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherSeedSpreadsTheVehiclesDifferently() {
    Scenario reseeded =
        new Scenario(
            dnipro.name(),
            dnipro.description(),
            dnipro.start(),
            dnipro.seed() + 1,
            dnipro.areas(),
            dnipro.policy(),
            dnipro.threats(),
            dnipro.sensors());

    List<GeoPoint> impacts =
        ScenarioTruth.of(reseeded).vehicles().stream().map(VehicleTruth::impactPoint).toList();

    assertThat(impacts)
        .doesNotContainAnyElementsOf(
            dniproTruth.vehicles().stream().map(VehicleTruth::impactPoint).toList());
  }

  private static List<String> summary(ScenarioTruth truth) {
    return truth.vehicles().stream()
        .map(
            vehicle ->
                vehicle.threatId()
                    + "/"
                    + vehicle.vehicleIndex()
                    + " "
                    + vehicle.impactPoint()
                    + " "
                    + vehicle.impactTime()
                    + " "
                    + vehicle.trajectory().flight().initial())
        .toList();
  }
}
