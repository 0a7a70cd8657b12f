package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * The local metric is checked against GeographicLib's geodesics: distances from the origin, and
 * distances to an edge against the nearest point of that edge found by a geodesic search.
 */
class LocalMetricTest {

  private static final Geodesics WGS84 = Geodesics.WGS84;

  @Property(tries = 2000)
  void distanceFromTheOriginIsWithinATenthOfAPercentOfTheGeodesicUpTo100Km(
      @ForAll @DoubleRange(min = -70, max = 70) double latDeg,
      @ForAll @DoubleRange(min = -180, max = 180) double lonDeg,
      @ForAll @DoubleRange(min = 0, max = 360) double azimuthDeg,
      @ForAll @DoubleRange(min = 1, max = 100_000) double distanceM) {
    GeoPoint target = WGS84.direct(GeoPoint.of(latDeg, lonDeg), azimuthDeg, distanceM);

    double measuredM =
        new LocalMetric(latDeg, lonDeg).distanceM(target.longitudeDeg(), target.latitudeDeg());

    assertThat(measuredM).isCloseTo(distanceM, within(1e-3 * distanceM));
  }

  @Property(tries = 300)
  void distanceToAnEdgeIsWithinOnePercentOfTheGeodesicToItsNearestPoint(
      @ForAll @DoubleRange(min = 44, max = 53) double latDeg,
      @ForAll @DoubleRange(min = 22, max = 41) double lonDeg,
      @ForAll @DoubleRange(min = 0, max = 360) double azimuth1Deg,
      @ForAll @DoubleRange(min = 0, max = 100_000) double distance1M,
      @ForAll @DoubleRange(min = 0, max = 360) double azimuth2Deg,
      @ForAll @DoubleRange(min = 0, max = 100_000) double distance2M) {
    GeoPoint origin = GeoPoint.of(latDeg, lonDeg);
    GeoPoint a = WGS84.direct(origin, azimuth1Deg, distance1M);
    GeoPoint b = WGS84.direct(origin, azimuth2Deg, distance2M);
    double[] edge = {a.longitudeDeg(), a.latitudeDeg(), b.longitudeDeg(), b.latitudeDeg()};

    double measuredM =
        Math.sqrt(new LocalMetric(latDeg, lonDeg).polylineDistanceSquared(edge, 0, 2));

    double geodesicM = nearestOnEdgeM(origin, a, b);
    // 1 % of the distance, plus the sagitta of the edge in the local plane (see the design note of
    // LocalMetric): it grows with the edge's length squared, 9.3e-9 /m × L² at the worst of 100,000
    // random edges here (3.7 m for a 20 km edge, 330 m for 190 km), bounded with a margin. The
    // first bound, without it, failed now and then on edges longer than the bundled areas have (at
    // most 51 km, in ua-oblasts, where the sagitta stays under 25 m; 19 km in ua-hromadas).
    double edgeM = WGS84.distanceM(a, b);
    assertThat(measuredM)
        .isCloseTo(geodesicM, within(0.01 * geodesicM + 0.5 + 1.5e-8 * edgeM * edgeM));
  }

  /**
   * Geodesic distance from a point to the nearest point of a lon/lat-straight edge, by a golden
   * section search along the edge (the distance is unimodal along an edge this short).
   */
  private static double nearestOnEdgeM(GeoPoint from, GeoPoint a, GeoPoint b) {
    double lo = 0;
    double hi = 1;
    double ratio = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 80; i++) {
      double t1 = hi - ratio * (hi - lo);
      double t2 = lo + ratio * (hi - lo);
      if (distanceAlongM(from, a, b, t1) <= distanceAlongM(from, a, b, t2)) {
        hi = t2;
      } else {
        lo = t1;
      }
    }
    return Math.min(
        distanceAlongM(from, a, b, (lo + hi) / 2),
        Math.min(distanceAlongM(from, a, b, 0), distanceAlongM(from, a, b, 1)));
  }

  private static double distanceAlongM(GeoPoint from, GeoPoint a, GeoPoint b, double t) {
    GeoPoint on =
        GeoPoint.of(
            a.latitudeDeg() + t * (b.latitudeDeg() - a.latitudeDeg()),
            a.longitudeDeg() + t * (b.longitudeDeg() - a.longitudeDeg()));
    return WGS84.distanceM(from, on);
  }

  @Property(tries = 1000)
  void theEnvelopeLowerBoundNeverExceedsTheDistanceToAPointInside(
      @ForAll @DoubleRange(min = 44, max = 53) double latDeg,
      @ForAll @DoubleRange(min = 22, max = 41) double lonDeg,
      @ForAll @DoubleRange(min = -1, max = 1) double dLon1,
      @ForAll @DoubleRange(min = -1, max = 1) double dLat1,
      @ForAll @DoubleRange(min = -1, max = 1) double dLon2,
      @ForAll @DoubleRange(min = -1, max = 1) double dLat2,
      @ForAll @DoubleRange(min = 0, max = 1) double u,
      @ForAll @DoubleRange(min = 0, max = 1) double v) {
    Envelope envelope =
        new Envelope(lonDeg + dLon1, lonDeg + dLon2, latDeg + dLat1, latDeg + dLat2);
    double insideLon = envelope.getMinX() + u * envelope.getWidth();
    double insideLat = envelope.getMinY() + v * envelope.getHeight();
    LocalMetric metric = new LocalMetric(latDeg, lonDeg);

    assertThat(metric.envelopeDistanceLowerBoundM(envelope))
        .isLessThanOrEqualTo(metric.distanceM(insideLon, insideLat) + 1e-6);
  }

  @Property(tries = 1000)
  void theSearchWindowHoldsEveryPointWithinTheRadius(
      @ForAll @DoubleRange(min = -70, max = 70) double latDeg,
      @ForAll @DoubleRange(min = -180, max = 180) double lonDeg,
      @ForAll @DoubleRange(min = 0, max = 360) double azimuthDeg,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction,
      @ForAll @DoubleRange(min = 100, max = 200_000) double radiusM) {
    GeoPoint inside =
        WGS84.direct(GeoPoint.of(latDeg, lonDeg), azimuthDeg, fraction * radiusM * 0.999);
    boolean[] held = {false};

    new LocalMetric(latDeg, lonDeg)
        .forEachWindow(
            radiusM,
            window -> held[0] |= window.contains(inside.longitudeDeg(), inside.latitudeDeg()));

    assertThat(held[0]).isTrue();
  }

  @Test
  void distancesAcrossTheAntimeridianAreShort() {
    LocalMetric metric = new LocalMetric(0, 179.95);

    assertThat(metric.distanceM(-179.95, 0))
        .isCloseTo(WGS84.distanceM(GeoPoint.of(0, 179.95), GeoPoint.of(0, -179.95)), within(1.0));
  }
}
