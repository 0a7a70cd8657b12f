package org.tocsin.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.LocalFrame;

class PlotClustererTest {

  private static final GeoPoint SITE = new GeoPoint(49.59, 34.55, 160);
  private static final LocalFrame FRAME = Ellipsoid.WGS84.localFrameAt(SITE);
  private static final Instant T = Instant.parse("2024-11-21T02:05:00Z");

  private static RadarPlot plotAt(Vector3D enuM) {
    return new RadarPlot(
        "radar", T, SITE, RadarMeasurement.of(FRAME, FRAME.toEcef(enuM)), 100, 1e-3, 1e-3);
  }

  @Test
  void vehiclesFlyingTogetherBecomeOneFixAtTheirCentroid() {
    List<RadarPlot> plots = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      plots.add(plotAt(new Vector3D(-300_000 + 500 * i, 100_000, 200_000)));
    }
    List<PositionFix> fixes = new PlotClusterer().fixes(plots);
    assertThat(fixes).hasSize(1);
    PositionFix fix = fixes.get(0);
    assertThat(fix.plotCount()).isEqualTo(6);
    Vector3D centroidEnu = FRAME.toEnu(fix.positionEcefM());
    assertThat(centroidEnu.distance(new Vector3D(-298_750, 100_000, 200_000))).isLessThan(1e-3);
    // 500 m steps: per-axis scatter (1/3 of the 3-D variance) well above the noise share
    assertThat(fix.spreadVarianceM2()).isGreaterThan(100_000 / 3.0);
  }

  @Test
  void missilesTensOfKilometresApartStaySeparate() {
    List<PositionFix> fixes =
        new PlotClusterer()
            .fixes(
                List.of(
                    plotAt(new Vector3D(-100_000, 50_000, 80_000)),
                    plotAt(new Vector3D(-130_000, 50_000, 80_000))));
    assertThat(fixes).hasSize(2);
    assertThat(fixes).allSatisfy(fix -> assertThat(fix.spreadVarianceM2()).isZero());
  }

  /** The angular errors dominate across the line of sight: 1 mrad at 300 km is 300 m. */
  @Test
  void covarianceFollowsTheLineOfSight() {
    Vector3D enu = new Vector3D(0, 300_000, 0);
    RadarPlot plot = plotAt(enu);
    var covariance = PlotClusterer.covariance(plot, FRAME);
    Vector3D alongSight = FRAME.directionToEcef(new Vector3D(0, 1, 0));
    Vector3D across = FRAME.directionToEcef(new Vector3D(1, 0, 0));
    assertThat(quadratic(covariance, alongSight)).isCloseTo(100 * 100, within(50.0));
    assertThat(quadratic(covariance, across)).isCloseTo(300 * 300, within(900.0));
  }

  private static double quadratic(org.hipparchus.linear.RealMatrix m, Vector3D d) {
    double[] v = d.toArray();
    return new org.hipparchus.linear.ArrayRealVector(v)
        .dotProduct(m.operate(new org.hipparchus.linear.ArrayRealVector(v)));
  }
}
