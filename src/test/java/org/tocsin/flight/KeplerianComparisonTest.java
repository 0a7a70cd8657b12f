package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * The full flight model, configured as a spherical, non-rotating Earth with a point-mass field and
 * no drag, against the closed-form Keplerian arc (Bate, Mueller & White, chapter 6): range within 1
 * m and flight time within 1 ms, with the default integration tolerance.
 */
class KeplerianComparisonTest {

  private static final double RADIUS_M = 6_371_000;
  private static final double MU_M3S2 = 3.986004418e14;
  private static final Ellipsoid SPHERE = Ellipsoid.sphere(RADIUS_M);

  private final BallisticPropagator propagator =
      new BallisticPropagator(
          FlightModel.of(ThreatClass.IRBM)
              .withEarth(EarthModel.sphericalNonRotating(RADIUS_M, MU_M3S2))
              .withDrag(Drag.VACUUM));

  static Stream<Arguments> arcs() {
    return Stream.of(
        Arguments.of(800, 45, 48.0, 35.0, 270),
        Arguments.of(1500, 30, 10.0, 0.0, 90),
        Arguments.of(2500, 60, -35.0, 150.0, 10),
        Arguments.of(3300, 50, 48.58, 45.75, 265),
        Arguments.of(4000, 20, 60.0, -100.0, 180),
        Arguments.of(5000, 45, 0.0, 179.0, 45),
        Arguments.of(6000, 70, 70.0, 20.0, 300),
        Arguments.of(6800, 25, -60.0, -60.0, 135),
        Arguments.of(7200, 12, 30.0, 120.0, 80),
        Arguments.of(3500, 85, 39.0, 125.7, 95));
  }

  @ParameterizedTest(name = "{0} m/s at {1}° from {2},{3} toward {4}°")
  @MethodSource("arcs")
  void rangeAndFlightTimeMatchTheClosedFormWithinAMetreAndAMillisecond(
      double speedMps, double flightPathAngleDeg, double lat, double lon, double azimuthDeg) {
    GeoPoint launch = GeoPoint.of(lat, lon);
    double gamma = Math.toRadians(flightPathAngleDeg);
    StateVector initial =
        TestLaunches.from(
            SPHERE,
            Instant.parse("2024-01-01T00:00:00Z"),
            launch,
            speedMps,
            flightPathAngleDeg,
            azimuthDeg);

    Flight flight = propagator.propagate(initial);

    double expectedRangeM =
        RADIUS_M * KeplerianArc.rangeAngleRad(RADIUS_M, speedMps, gamma, MU_M3S2);
    double expectedTimeS = KeplerianArc.flightTimeS(RADIUS_M, speedMps, gamma, MU_M3S2);
    double rangeM = new Geodesics(SPHERE).distanceM(launch, flight.impact().point());
    assertThat(rangeM).isCloseTo(expectedRangeM, within(1.0));
    assertThat(flight.flightTimeS()).isCloseTo(expectedTimeS, within(1e-3));
    double expectedApogeeM =
        KeplerianArc.apogeeRadiusM(RADIUS_M, speedMps, gamma, MU_M3S2) - RADIUS_M;
    assertThat(flight.apogee().heightM()).isCloseTo(expectedApogeeM, within(1.0));
  }

  @ParameterizedTest(name = "range angle {0} rad at {1} rad")
  @MethodSource("inverseCases")
  void speedForRangeInvertsTheRangeEquation(double rangeAngleRad, double gammaRad) {
    double speed = KeplerianArc.speedForRangeMps(RADIUS_M, rangeAngleRad, gammaRad, MU_M3S2);
    assertThat(KeplerianArc.rangeAngleRad(RADIUS_M, speed, gammaRad, MU_M3S2))
        .isCloseTo(rangeAngleRad, within(1e-12));
  }

  static Stream<Arguments> inverseCases() {
    return Stream.of(
        Arguments.of(0.01, 0.3),
        Arguments.of(0.12, 0.7),
        Arguments.of(0.5, 0.2),
        Arguments.of(1.4, 0.6),
        Arguments.of(2.0, 0.1));
  }
}
