package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.GeodesicPath;
import org.tocsin.geo.Geodesics;

class MinimumEnergyCurveTest {

  private static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00Z");
  private static final GeoPoint BELARUS = GeoPoint.of(51.9, 27.9);

  /**
   * The traced curve and the two-point search find the same arc: the tabulated flight time at the
   * target's range is that of the least-speed fitted arc, within 1 % (the atlas is held to 2 %).
   */
  @Test
  void tabulatedTimeMatchesTheLeastSpeedFittedArc() {
    for (ThreatClass threatClass : new ThreatClass[] {ThreatClass.SRBM, ThreatClass.IRBM}) {
      FlightModel model = FlightModel.of(threatClass);
      MinimumEnergyFitter fitter = new MinimumEnergyFitter(model);
      for (GeoPoint target :
          new GeoPoint[] {
            GeoPoint.of(50.45, 30.52), GeoPoint.of(48.46, 35.05), GeoPoint.of(46.48, 30.73)
          }) {
        GeodesicPath path = Geodesics.WGS84.inverse(BELARUS, target);
        MinimumEnergyCurve curve =
            MinimumEnergyCurve.trace(
                new BallisticPropagator(model),
                BELARUS,
                LAUNCH,
                path.initialAzimuthDeg(),
                path.distanceM());
        double reference = fitter.fit(BELARUS, target, LAUNCH).flight().flightTimeS();
        double tabulated = curve.flightTimeS(path.distanceM());
        System.out.printf(
            "%s %.0f km: curve %.1f s, fitted %.1f s (%.2f %%)%n",
            threatClass,
            path.distanceM() / 1000,
            tabulated,
            reference,
            100 * (tabulated / reference - 1));
        assertThat(tabulated).isCloseTo(reference, within(0.01 * reference));
      }
    }
  }

  /** Longer ranges take longer; zero range takes no time; a range beyond the table is refused. */
  @Test
  void flightTimeRisesWithRangeAndStopsAtTheTable() {
    MinimumEnergyCurve curve =
        MinimumEnergyCurve.trace(
            new BallisticPropagator(FlightModel.of(ThreatClass.SRBM)),
            BELARUS,
            LAUNCH,
            150,
            500_000);
    assertThat(curve.maxRangeM()).isGreaterThanOrEqualTo(500_000);
    assertThat(curve.flightTimeS(0)).isZero();
    double previous = 0;
    for (double rangeM = 1_000; rangeM <= 500_000; rangeM += 7_000) {
      double time = curve.flightTimeS(rangeM);
      assertThat(time).isGreaterThan(previous);
      previous = time;
    }
    assertThatThrownBy(() -> curve.flightTimeS(curve.maxRangeM() * 1.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range must be within [0,");
  }
}
