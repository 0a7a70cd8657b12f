package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Plausibility against publicly reported flights. These are reconstructions, unpowered from the
 * launch point, so the bounds are those a physicist would accept, not the reports' own figures.
 */
class PublicReportsTest {

  /**
   * Hwasong-15, 29 November 2017: about 960 km range and 4,500 km apogee; 53–54 minutes reported
   * including the boost phase, so a free flight of 48 to 53 minutes.
   */
  @Test
  void northKoreanLoftedTestOf2017FliesBetweenFortyEightAndFiftyThreeMinutes() {
    GeoPoint pyongsong = GeoPoint.of(39.25, 125.87);
    GeoPoint seaOfJapan = Geodesics.WGS84.direct(pyongsong, 95, 960_000);
    FittedTrajectory fitted =
        new TrajectoryFitter(FlightModel.of(ThreatClass.ICBM))
            .fit(
                new FitRequest(
                    pyongsong,
                    seaOfJapan,
                    Instant.parse("2017-11-28T18:17:00Z"),
                    new FitConstraint.Apogee(4_500_000)));

    assertThat(fitted.flight().flightTimeS() / 60).isBetween(48.0, 53.0);
    assertThat(fitted.branch()).isEqualTo(Branch.LOFTED);
    assertThat(fitted.missM()).isLessThan(0.5);
  }

  /**
   * Oreshnik on Dnipro, 21 November 2024: Kapustin Yar to Dnipro in 900 s. Unpowered from launch,
   * the arc is higher than the real one: apogee 700 to 900 km, and about 3.8 km/s when it comes
   * back down through 100 km, before the dense air slows it (reported: Mach 10–11 at the end).
   */
  @Test
  void dniproReconstructionHasAPlausibleApogeeAndReentrySpeed() {
    BallisticPropagator propagator = new BallisticPropagator(FlightModel.of(ThreatClass.IRBM));
    FittedTrajectory fitted =
        new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM))
            .fit(
                new FitRequest(
                    GeoPoint.of(48.58, 45.75),
                    GeoPoint.of(48.44, 35.01),
                    Instant.parse("2024-11-21T02:00:00Z"),
                    new FitConstraint.FlightTime(900)));
    Trajectory trajectory = propagator.trace(fitted.initialState());

    assertThat(fitted.flight().apogee().heightM() / 1000).isBetween(700.0, 900.0);
    double reentrySpeedMps = speedDescendingThrough(trajectory, 100_000);
    assertThat(reentrySpeedMps / 1000).isBetween(3.4, 4.2);
  }

  private static double speedDescendingThrough(Trajectory trajectory, double heightM) {
    Flight flight = trajectory.flight();
    Instant time = flight.impact().state().time();
    while (time.isAfter(flight.apogee().time())) {
      StateVector state = trajectory.stateAt(time);
      if (Ellipsoid.WGS84.toGeodetic(state.positionEcefM()).heightM() >= heightM) {
        return state.speedMps();
      }
      time = time.minusMillis(100);
    }
    throw new AssertionError("never above " + heightM + " m");
  }
}
