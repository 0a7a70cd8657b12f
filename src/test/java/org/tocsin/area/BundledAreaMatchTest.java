package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tocsin.PropertyChecks.doubles;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.quicktheories.core.Gen;
import org.tocsin.PropertyChecks;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/** Matching on the real hromada boundaries, checked against a brute-force geodesic search. */
class BundledAreaMatchTest {

  private static final AreaSet HROMADAS = AreaSets.bundled("ua-hromadas");
  private static final GeoPoint DNIPRO = GeoPoint.of(48.45, 35.05);

  @Test
  void aFootprintWhollyInsideDniproIsCertainForDniproAlone() {
    List<ImpactSample> footprint = Collections.nCopies(500, new ImpactSample(DNIPRO, 1.0 / 500));

    List<AreaProbability> matched = HROMADAS.match(footprint, 0);

    assertThat(matched).hasSize(1);
    assertThat(matched.get(0).area().id()).isEqualTo("UA1202001");
    assertThat(matched.get(0).probability()).isCloseTo(1.0, within(1e-12));
  }

  @ParameterizedTest(name = "{0} within {1} m")
  @CsvSource({
    "'48.45,35.05', 2000",
    "'48.45,35.05', 15000",
    "'48.52,34.95', 5000",
    "'50.45,30.52', 10000",
    "'49.99,36.23', 8000",
    "'46.40,30.60', 20000"
  })
  void nearFindsExactlyTheHromadasABruteForceGeodesicSearchFinds(String point, double distanceM) {
    GeoPoint at = GeoPoint.parse(point);
    Set<String> found =
        HROMADAS.near(at, distanceM).stream().map(Area::id).collect(Collectors.toSet());

    for (Area area : HROMADAS.areas()) {
      double bruteM = BruteForce.distanceM(at, area.geometry(), 1.2 * distanceM);
      if (bruteM <= 0.99 * distanceM) {
        assertThat(found).as("%s at %.0f m", area.id(), bruteM).contains(area.id());
      } else if (bruteM >= 1.01 * distanceM) {
        assertThat(found).as("%s at %.0f m", area.id(), bruteM).doesNotContain(area.id());
      }
    }
    assertThat(found).isNotEmpty();
  }

  @Test
  void oneSampleMatchesExactlyTheAreasNearIt() {
    Gen<Double> latitudesDeg = doubles(44.3, 52.4);
    Gen<Double> longitudesDeg = doubles(22.2, 40.2);
    Gen<Double> radiiM = doubles(0, 30_000);
    Gen<Circle> circles =
        in ->
            new Circle(latitudesDeg.generate(in), longitudesDeg.generate(in), radiiM.generate(in));

    PropertyChecks.forAll(
        300,
        circles,
        circle -> {
          GeoPoint point = GeoPoint.of(circle.latDeg(), circle.lonDeg());

          List<AreaProbability> matched =
              HROMADAS.match(List.of(new ImpactSample(point, 1)), circle.radiusM());

          assertThat(matched)
              .extracting(AreaProbability::area)
              .containsExactlyInAnyOrderElementsOf(HROMADAS.near(point, circle.radiusM()));
          assertThat(matched).allSatisfy(p -> assertThat(p.probability()).isEqualTo(1.0));
        });
  }

  private record Circle(double latDeg, double lonDeg, double radiusM) {}

  /** Geodesic distances by GeographicLib alone, edge by edge, independent of the set's index. */
  private static final class BruteForce {

    private static double distanceM(GeoPoint point, Geometry polygonal, double horizonM) {
      Coordinate at = new Coordinate(point.longitudeDeg(), point.latitudeDeg());
      if (polygonal.covers(polygonal.getFactory().createPoint(at))) {
        return 0;
      }
      // Metres per degree are at least 110 km of latitude and 111 km · cos(53°) of longitude
      // here, which skips edges that are certainly beyond the horizon.
      double minPerDegM = 111_000 * Math.cos(Math.toRadians(53));
      double best = Double.POSITIVE_INFINITY;
      for (int p = 0; p < polygonal.getNumGeometries(); p++) {
        Polygon polygon = (Polygon) polygonal.getGeometryN(p);
        for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
          Coordinate[] ring =
              (r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r)).getCoordinates();
          for (int i = 1; i < ring.length; i++) {
            double dx = Math.max(0, Math.min(ring[i - 1].x, ring[i].x) - at.x);
            dx = Math.max(dx, at.x - Math.max(ring[i - 1].x, ring[i].x));
            double dy = Math.max(0, Math.min(ring[i - 1].y, ring[i].y) - at.y);
            dy = Math.max(dy, at.y - Math.max(ring[i - 1].y, ring[i].y));
            if (Math.hypot(dx, dy) * minPerDegM > horizonM) {
              continue;
            }
            best = Math.min(best, edgeM(point, ring[i - 1], ring[i]));
          }
        }
      }
      return best;
    }

    /** Golden-section search along the lon/lat-straight edge for the nearest point. */
    private static double edgeM(GeoPoint from, Coordinate a, Coordinate b) {
      double lo = 0;
      double hi = 1;
      double ratio = (Math.sqrt(5) - 1) / 2;
      for (int i = 0; i < 60; i++) {
        double t1 = hi - ratio * (hi - lo);
        double t2 = lo + ratio * (hi - lo);
        if (along(from, a, b, t1) <= along(from, a, b, t2)) {
          hi = t2;
        } else {
          lo = t1;
        }
      }
      return Math.min(
          along(from, a, b, (lo + hi) / 2), Math.min(along(from, a, b, 0), along(from, a, b, 1)));
    }

    private static double along(GeoPoint from, Coordinate a, Coordinate b, double t) {
      return Geodesics.WGS84.distanceM(
          from, GeoPoint.of(a.y + t * (b.y - a.y), a.x + t * (b.x - a.x)));
    }
  }
}
