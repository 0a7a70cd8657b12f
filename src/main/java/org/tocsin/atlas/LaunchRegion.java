package org.tocsin.atlas;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.tocsin.geo.GeoPoint;

/**
 * Launch points that stand for a launch region.
 *
 * <p>For an area outside the region the shortest flight starts on the region's edge, so two thirds
 * of the points are spread evenly along the boundary (by length, with longitude scaled by the
 * cosine of the mean latitude); the rest lie on a square grid inside it, for areas within the
 * region.
 */
public final class LaunchRegion {

  /** The most sample points accepted: each one costs a sweep over the areas. */
  public static final int MAX_POINTS = 500;

  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final int GRID_ATTEMPTS = 12;

  private LaunchRegion() {}

  /**
   * @param region a non-empty polygon or multipolygon in lon/lat degrees
   * @param count how many points, within [1, {@value #MAX_POINTS}]
   * @throws IllegalArgumentException when the region or count is out of bounds
   */
  public static List<GeoPoint> sample(Geometry region, int count) {
    if (!(region instanceof Polygonal) || region.isEmpty()) {
      throw new IllegalArgumentException("launch region must be a non-empty polygon");
    }
    if (count < 1 || count > MAX_POINTS) {
      throw new IllegalArgumentException(
          "launch points must number 1 to " + MAX_POINTS + ", were " + count);
    }
    double scale = Math.cos(Math.toRadians(region.getCentroid().getY()));
    int onBoundary = count < 4 ? count : (int) Math.round(count * 2.0 / 3);
    List<GeoPoint> points = new ArrayList<>(alongBoundary(region, onBoundary, scale));
    points.addAll(inside(region, count - onBoundary, scale));
    return points;
  }

  private static List<GeoPoint> alongBoundary(Geometry region, int count, double scale) {
    List<Coordinate[]> rings = new ArrayList<>();
    for (LineString ring : NearestPoints.rings(region)) {
      rings.add(ring.getCoordinates());
    }
    double total = 0;
    for (Coordinate[] ring : rings) {
      total += length(ring, scale);
    }
    double spacing = total / count;
    List<GeoPoint> points = new ArrayList<>(count);
    double next = spacing / 2;
    double walked = 0;
    for (Coordinate[] ring : rings) {
      for (int i = 0; i + 1 < ring.length && points.size() < count; i++) {
        double edge = distance(ring[i], ring[i + 1], scale);
        while (next <= walked + edge && points.size() < count) {
          double share = edge == 0 ? 0 : (next - walked) / edge;
          points.add(
              GeoPoint.of(
                  ring[i].y + share * (ring[i + 1].y - ring[i].y),
                  ring[i].x + share * (ring[i + 1].x - ring[i].x)));
          next += spacing;
        }
        walked += edge;
      }
    }
    return points;
  }

  /** Grid points inside, the grid made finer until there are enough, then evenly thinned. */
  private static List<GeoPoint> inside(Geometry region, int count, double scale) {
    if (count == 0) {
      return List.of();
    }
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(region);
    Envelope envelope = region.getEnvelopeInternal();
    double spacing = Math.sqrt(region.getArea() * scale / count);
    List<GeoPoint> grid = List.of();
    for (int attempt = 0; attempt < GRID_ATTEMPTS && grid.size() < count; attempt++) {
      grid = grid(prepared, envelope, spacing / scale, spacing);
      spacing *= 0.7;
    }
    List<GeoPoint> chosen = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (grid.isEmpty()) {
        Coordinate interior = region.getInteriorPoint().getCoordinate();
        chosen.add(GeoPoint.of(interior.y, interior.x));
      } else {
        chosen.add(grid.get((int) ((long) i * grid.size() / count)));
      }
    }
    return chosen;
  }

  private static List<GeoPoint> grid(
      PreparedGeometry region, Envelope envelope, double stepLonDeg, double stepLatDeg) {
    List<GeoPoint> points = new ArrayList<>();
    for (double lat = envelope.getMinY() + stepLatDeg / 2;
        lat < envelope.getMaxY();
        lat += stepLatDeg) {
      for (double lon = envelope.getMinX() + stepLonDeg / 2;
          lon < envelope.getMaxX();
          lon += stepLonDeg) {
        if (region.contains(FACTORY.createPoint(new Coordinate(lon, lat)))) {
          points.add(GeoPoint.of(lat, lon));
        }
      }
    }
    return points;
  }

  private static double length(Coordinate[] ring, double scale) {
    double sum = 0;
    for (int i = 0; i + 1 < ring.length; i++) {
      sum += distance(ring[i], ring[i + 1], scale);
    }
    return sum;
  }

  private static double distance(Coordinate a, Coordinate b, double scale) {
    return Math.hypot((b.x - a.x) * scale, b.y - a.y);
  }
}
