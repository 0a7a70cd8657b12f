package org.tocsin.cap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.tocsin.geo.GeoPoint;

/**
 * An area's outline as CAP polygons: one per part, its outer ring only (CAP has no holes, so a hole
 * is warned with its surroundings), in {@code lat,lon} order, coordinates rounded to 1e-5° (about a
 * metre).
 *
 * <p>Receivers such as cell-broadcast centres limit the points of a polygon, so a ring longer than
 * the limit is simplified with JTS's topology-preserving (Douglas-Peucker) simplifier, the
 * tolerance growing from about 10 m by half each time until every ring fits: the least
 * simplification that does. Its vertices are a subset of the original's, so the polygon stays
 * within the area's envelope.
 */
final class CapPolygons {

  private static final double START_TOLERANCE_DEG = 1e-4;
  private static final double TOLERANCE_GROWTH = 1.5;
  private static final int MAX_STEPS = 60;
  private static final int DECIMALS = 5;

  private CapPolygons() {}

  /**
   * The polygons of a lon/lat geometry, each with at most {@code maxPoints} points.
   *
   * @param maxPoints at least 5
   */
  static List<CapPolygon> of(Geometry geometry, int maxPoints) {
    Geometry simplified = geometry;
    double tolerance = START_TOLERANCE_DEG;
    for (int step = 0; longestRing(simplified) > maxPoints; step++) {
      if (step == MAX_STEPS) {
        return List.of(envelope(geometry.getEnvelopeInternal()));
      }
      simplified = TopologyPreservingSimplifier.simplify(geometry, tolerance);
      tolerance *= TOLERANCE_GROWTH;
    }
    List<CapPolygon> polygons = new ArrayList<>();
    for (int i = 0; i < simplified.getNumGeometries(); i++) {
      Polygon part = (Polygon) simplified.getGeometryN(i);
      List<GeoPoint> ring = new ArrayList<>();
      for (Coordinate c : part.getExteriorRing().getCoordinates()) {
        GeoPoint point = GeoPoint.of(round(c.y), round(c.x));
        if (ring.isEmpty() || !same(ring.get(ring.size() - 1), point)) {
          ring.add(point);
        }
      }
      if (ring.size() >= 4) {
        polygons.add(new CapPolygon(ring));
      }
    }
    return polygons.isEmpty() ? List.of(envelope(geometry.getEnvelopeInternal())) : polygons;
  }

  private static int longestRing(Geometry geometry) {
    int longest = 0;
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Polygon part = (Polygon) geometry.getGeometryN(i);
      longest = Math.max(longest, part.getExteriorRing().getNumPoints());
    }
    return longest;
  }

  private static CapPolygon envelope(Envelope e) {
    GeoPoint southWest = GeoPoint.of(round(e.getMinY()), round(e.getMinX()));
    return new CapPolygon(
        List.of(
            southWest,
            GeoPoint.of(round(e.getMinY()), round(e.getMaxX())),
            GeoPoint.of(round(e.getMaxY()), round(e.getMaxX())),
            GeoPoint.of(round(e.getMaxY()), round(e.getMinX())),
            southWest));
  }

  private static boolean same(GeoPoint a, GeoPoint b) {
    return a.latitudeDeg() == b.latitudeDeg() && a.longitudeDeg() == b.longitudeDeg();
  }

  private static double round(double degrees) {
    return BigDecimal.valueOf(degrees).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
