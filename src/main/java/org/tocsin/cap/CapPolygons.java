package org.tocsin.cap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.tocsin.geo.GeoPoint;

/**
 * A warned region as CAP polygons that cover it: one per part, its outer ring only (CAP has no
 * holes, so a hole is warned with its surroundings), in {@code lat,lon} order, coordinates rounded
 * to 1e-5° (about a metre), each ring of at most a given number of points.
 *
 * <p>Design: receivers such as cell-broadcast centres limit the points of a polygon, and a warning
 * must never shrink, so a region whose rings are too long is widened before it is simplified. For a
 * tolerance t (starting at about 10 m, doubled until a result fits, then refined by halving the gap
 * three times), the region is buffered outward by 2t and its outer rings simplified by JTS's
 * topology-preserving Douglas-Peucker simplifier with tolerance t; a result counts when its rings
 * all fit and it covers the region (to within the rounding of the coordinates), and the one of
 * least tolerance found is kept. Douglas-Peucker moves a boundary by at most about t, so the buffer
 * of 2t absorbs it; the check makes sure. When nothing fits, the region's convex hull or, at worst,
 * its bounding box is used: both cover it.
 */
final class CapPolygons {

  private static final double START_TOLERANCE_DEG = 1e-4;
  private static final int MAX_STEPS = 24;
  private static final int REFINING_STEPS = 3;
  private static final int DECIMALS = 5;

  /** Twice the rounding of the coordinates: how far a written polygon may miss the region. */
  private static final double ROUNDING_SLACK_DEG = 2e-5;

  /**
   * The region is widened by twice the tolerance: Douglas-Peucker may cut up to about one tolerance
   * into the widened outline, and a buffer drawn with few segments per arc reaches a little less
   * far than its distance, so a widening of one tolerance left the region uncovered as often as
   * not.
   */
  private static final double BUFFER_PER_TOLERANCE = 2;

  /** A coarse buffer outline: 2 segments per quarter circle keep the rings short. */
  private static final int QUADRANT_SEGMENTS = 2;

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private CapPolygons() {}

  /**
   * Polygons that together cover a lon/lat region, each with at most {@code maxPoints} points.
   *
   * @param region a valid polygonal geometry
   * @param maxPoints at least 5
   */
  static List<CapPolygon> covering(Geometry region, int maxPoints) {
    Geometry shells = shells(region);
    if (longestRing(shells) <= maxPoints) {
      List<CapPolygon> exact = rings(shells);
      if (covers(exact, region)) {
        return exact;
      }
    }
    // Double the tolerance until a result fits and covers, then halve the gap to the last one
    // that did not a few times: the least widening that works, to within an eighth.
    double failed = 0;
    double tolerance = START_TOLERANCE_DEG;
    List<CapPolygon> best = null;
    for (int step = 0; step < MAX_STEPS && best == null; step++) {
      best = attempt(region, shells, tolerance, maxPoints);
      if (best == null) {
        failed = tolerance;
        tolerance *= 2;
      }
    }
    if (best != null) {
      for (int step = 0; step < REFINING_STEPS && failed > 0; step++) {
        double middle = (failed + tolerance) / 2;
        List<CapPolygon> polygons = attempt(region, shells, middle, maxPoints);
        if (polygons == null) {
          failed = middle;
        } else {
          best = polygons;
          tolerance = middle;
        }
      }
      return best;
    }
    Geometry hull = region.convexHull();
    if (hull instanceof Polygon && longestRing(hull) <= maxPoints) {
      List<CapPolygon> polygons = rings(hull);
      if (covers(polygons, region)) {
        return polygons;
      }
    }
    return List.of(envelope(region.getEnvelopeInternal()));
  }

  /** The polygons for one tolerance, or null when they do not fit or do not cover the region. */
  private static List<CapPolygon> attempt(
      Geometry region, Geometry shells, double tolerance, int maxPoints) {
    Geometry widened =
        shells(
            shells.buffer(
                BUFFER_PER_TOLERANCE * tolerance, QUADRANT_SEGMENTS, BufferParameters.CAP_ROUND));
    Geometry simplified = shells(TopologyPreservingSimplifier.simplify(widened, tolerance));
    if (longestRing(simplified) > maxPoints) {
      return null;
    }
    List<CapPolygon> polygons = rings(simplified);
    return covers(polygons, region) ? polygons : null;
  }

  /** The parts of a polygonal geometry without their holes. */
  private static Geometry shells(Geometry geometry) {
    List<Polygon> parts = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon part && !part.isEmpty()) {
        parts.add(GEOMETRY.createPolygon(part.getExteriorRing().getCoordinates()));
      }
    }
    return GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
  }

  private static List<CapPolygon> rings(Geometry shells) {
    List<CapPolygon> polygons = new ArrayList<>();
    for (int i = 0; i < shells.getNumGeometries(); i++) {
      Polygon part = (Polygon) shells.getGeometryN(i);
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
    return polygons;
  }

  /** Whether the polygons, as written, cover the region to within the rounding. */
  private static boolean covers(List<CapPolygon> polygons, Geometry region) {
    if (polygons.isEmpty()) {
      return false;
    }
    Polygon[] parts =
        polygons.stream()
            .map(
                p ->
                    GEOMETRY.createPolygon(
                        p.points().stream()
                            .map(g -> new Coordinate(g.longitudeDeg(), g.latitudeDeg()))
                            .toArray(Coordinate[]::new)))
            .toArray(Polygon[]::new);
    return GEOMETRY.createMultiPolygon(parts).buffer(ROUNDING_SLACK_DEG).covers(region);
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
    Envelope widened = new Envelope(e);
    widened.expandBy(ROUNDING_SLACK_DEG);
    GeoPoint southWest = GeoPoint.of(round(widened.getMinY()), round(widened.getMinX()));
    return new CapPolygon(
        List.of(
            southWest,
            GeoPoint.of(round(widened.getMinY()), round(widened.getMaxX())),
            GeoPoint.of(round(widened.getMaxY()), round(widened.getMaxX())),
            GeoPoint.of(round(widened.getMaxY()), round(widened.getMinX())),
            southWest));
  }

  private static boolean same(GeoPoint a, GeoPoint b) {
    return a.latitudeDeg() == b.latitudeDeg() && a.longitudeDeg() == b.longitudeDeg();
  }

  private static double round(double degrees) {
    return BigDecimal.valueOf(degrees).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
