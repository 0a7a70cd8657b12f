package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orekit.utils.PVCoordinates;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Checks the flight engine against {@link OrekitReference}, which flies the same physics with
 * another integrator, in an inertial frame, with Orekit's own frame transforms, gravity and drag.
 *
 * <p>The bounds, 50 m and 50 ms, are far below anything a warning depends on and well above the
 * integration error of either side: millimetres in vacuum, and with drag from a ground launch under
 * a metre for ours at its default tolerance (the step across the tropopause, a kink in the 1976
 * density, dominates). A missing or mis-signed term fails them by orders of magnitude: over these
 * cases in vacuum, a reversed Earth rotation moves the impact by 1.4–1,930 km and leaving J2 out by
 * 0.24–19 km.
 */
class OrekitComparisonTest {

  private static final Instant LAUNCH_TIME = Instant.parse("2024-11-21T02:00:00Z");
  private static final double MAX_DISTANCE_M = 50;
  private static final double MAX_TIME_DIFFERENCE_S = 0.05;

  /** Tight enough that the reference's own error is under a centimetre. */
  private static final double REFERENCE_POSITION_TOLERANCE_M = 1e-6;

  private static final int RANDOM_CASES = 24;
  private static final long SEED = 20241121L;

  /** A launch from height 0, described as people would. */
  record Launch(
      ThreatClass threatClass,
      double latitudeDeg,
      double longitudeDeg,
      double azimuthDeg,
      double elevationDeg,
      double speedMps) {

    StateVector state() {
      return TestLaunches.from(
          LAUNCH_TIME, GeoPoint.of(latitudeDeg, longitudeDeg), speedMps, elevationDeg, azimuthDeg);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s from %.2f,%.2f az %.0f° el %.0f° at %.0f m/s",
          threatClass.id(),
          latitudeDeg,
          longitudeDeg,
          azimuthDeg,
          elevationDeg,
          speedMps);
    }
  }

  static Stream<Arguments> launches() {
    List<Launch> launches = new ArrayList<>();
    // East and west at 48 N with the same speed and elevation: an Earth-rotation sign error
    // moves the two impacts apart by hundreds of kilometres in opposite senses.
    launches.add(new Launch(ThreatClass.SRBM, 48, 35, 90, 45, 1_500));
    launches.add(new Launch(ThreatClass.SRBM, 48, 35, 270, 45, 1_500));
    launches.add(new Launch(ThreatClass.IRBM, 48, 35, 90, 45, 4_500));
    launches.add(new Launch(ThreatClass.IRBM, 48, 35, 270, 45, 4_500));
    launches.add(new Launch(ThreatClass.ICBM, 48, 35, 90, 30, 7_100));
    launches.add(new Launch(ThreatClass.ICBM, 48, 35, 270, 30, 7_100));
    Random random = new Random(SEED);
    ThreatClass[] classes = ThreatClass.values();
    for (int i = 0; i < RANDOM_CASES; i++) {
      ThreatClass threatClass = classes[i % classes.length];
      launches.add(
          new Launch(
              threatClass,
              round(-60 + 130 * random.nextDouble()),
              round(-180 + 360 * random.nextDouble()),
              round(360 * random.nextDouble()),
              round(20 + 60 * random.nextDouble()),
              Math.round(speedRangeMps(threatClass, random))));
    }
    return launches.stream()
        .flatMap(
            launch ->
                Stream.of(Drag.ATMOSPHERIC, Drag.VACUUM).map(drag -> Arguments.of(launch, drag)));
  }

  /** Launch speeds that give ground ranges within roughly the class's envelope. */
  private static double speedRangeMps(ThreatClass threatClass, Random random) {
    return switch (threatClass) {
      case SRBM -> 1_000 + 1_500 * random.nextDouble();
      case MRBM -> 2_500 + 1_500 * random.nextDouble();
      case IRBM -> 4_000 + 1_500 * random.nextDouble();
      case ICBM -> 5_800 + 1_400 * random.nextDouble();
    };
  }

  private static double round(double degrees) {
    return Math.round(degrees * 100) / 100.0;
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("launches")
  void impactMatchesOrekitWithinFiftyMetresAndFiftyMilliseconds(Launch launch, Drag drag) {
    FlightModel model = FlightModel.of(launch.threatClass()).withDrag(drag);
    StateVector state = launch.state();

    Flight ours = new BallisticPropagator(model).propagate(state);
    OrekitReference.ReferenceImpact reference =
        new OrekitReference(model, REFERENCE_POSITION_TOLERANCE_M).propagate(state);

    double distanceM = Geodesics.WGS84.distanceM(ours.impact().point(), reference.point());
    assertThat(distanceM).as("impact distance from Orekit's (m)").isLessThan(MAX_DISTANCE_M);
    assertThat(ours.flightTimeS())
        .as("flight time (s)")
        .isCloseTo(reference.flightTimeS(), within(MAX_TIME_DIFFERENCE_S));
  }

  @Test
  void referenceEarthFrameRotatesEastwardAtTheModelRate() {
    EarthModel earth = EarthModel.WGS84;
    OrekitReference reference = new OrekitReference(FlightModel.of(ThreatClass.IRBM), 1e-3);
    Vector3D fixed = Ellipsoid.WGS84.toEcef(GeoPoint.of(48, 35));
    double afterS = 600;

    PVCoordinates inertial =
        reference
            .earthFrame()
            .getTransformTo(reference.inertialFrame(), OrekitReference.EPOCH.shiftedBy(afterS))
            .transformPVCoordinates(new PVCoordinates(fixed, Vector3D.ZERO));

    double angle = earth.rotationRateRadS() * afterS;
    Vector3D expectedPosition =
        new Vector3D(
            fixed.getX() * Math.cos(angle) - fixed.getY() * Math.sin(angle),
            fixed.getX() * Math.sin(angle) + fixed.getY() * Math.cos(angle),
            fixed.getZ());
    Vector3D omega = new Vector3D(0, 0, earth.rotationRateRadS());
    Vector3D expectedVelocity = Vector3D.crossProduct(omega, expectedPosition);
    assertThat(Vector3D.distance(inertial.getPosition(), expectedPosition)).isLessThan(1e-6);
    assertThat(Vector3D.distance(inertial.getVelocity(), expectedVelocity)).isLessThan(1e-9);
  }
}
