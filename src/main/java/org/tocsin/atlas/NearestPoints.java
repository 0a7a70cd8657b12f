package org.tocsin.atlas;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.tocsin.area.Area;
import org.tocsin.geo.GeoPoint;

/**
 * The point of each area nearest a launch point.
 *
 * <p>Design note. Every boundary vertex is turned once into a unit vector from its latitude and
 * longitude (a sphere carrying the geodetic coordinates). For a launch direction u, the nearest
 * point of a boundary edge AB is taken on the chord: P = A + t·(B − A) with t the clamped
 * projection of u − A, scored by the cosine u·P / |P|; the edge and t with the highest score win,
 * and the point returned is the same share t along the edge in longitude and latitude (edges are
 * straight in those coordinates, as GeoJSON draws them). Chord against arc and sphere against
 * ellipsoid move the chosen point by metres to a few hundred metres at these distances, which the
 * flight time does not feel; the caller measures the range to the chosen point on the ellipsoid. A
 * launch point inside an area is its own nearest point. A sweep over all the edges of Ukraine's
 * 1,769 hromadas costs a few milliseconds.
 */
final class NearestPoints {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private final List<Area> areas;
  private final List<PreparedGeometry> prepared;
  private final List<Envelope> envelopes;

  /** Per area: the vertices of all its rings, x y z lon lat per vertex. */
  private final List<double[]> vertices;

  /**
   * Per area: where each ring starts in {@link #vertices} (in vertices), and the total at the end.
   */
  private final List<int[]> ringStarts;

  NearestPoints(List<Area> areas) {
    this.areas = List.copyOf(areas);
    this.prepared = new ArrayList<>(areas.size());
    this.envelopes = new ArrayList<>(areas.size());
    this.vertices = new ArrayList<>(areas.size());
    this.ringStarts = new ArrayList<>(areas.size());
    for (Area area : this.areas) {
      prepared.add(PreparedGeometryFactory.prepare(area.geometry()));
      envelopes.add(area.geometry().getEnvelopeInternal());
      List<LineString> rings = rings(area.geometry());
      int total = rings.stream().mapToInt(LineString::getNumPoints).sum();
      double[] xyz = new double[5 * total];
      int[] starts = new int[rings.size() + 1];
      int vertex = 0;
      for (int r = 0; r < rings.size(); r++) {
        starts[r] = vertex;
        for (Coordinate c : rings.get(r).getCoordinates()) {
          double lat = Math.toRadians(c.y);
          double lon = Math.toRadians(c.x);
          xyz[5 * vertex] = Math.cos(lat) * Math.cos(lon);
          xyz[5 * vertex + 1] = Math.cos(lat) * Math.sin(lon);
          xyz[5 * vertex + 2] = Math.sin(lat);
          xyz[5 * vertex + 3] = c.x;
          xyz[5 * vertex + 4] = c.y;
          vertex++;
        }
      }
      starts[rings.size()] = vertex;
      vertices.add(xyz);
      ringStarts.add(starts);
    }
  }

  int size() {
    return areas.size();
  }

  Area area(int index) {
    return areas.get(index);
  }

  /** The point of area {@code index} nearest {@code launch} (height 0). */
  GeoPoint nearest(int index, GeoPoint launch) {
    if (envelopes.get(index).contains(launch.longitudeDeg(), launch.latitudeDeg())
        && prepared
            .get(index)
            .covers(
                FACTORY.createPoint(new Coordinate(launch.longitudeDeg(), launch.latitudeDeg())))) {
      return launch.withHeightM(0);
    }
    double lat = launch.latitudeRad();
    double lon = launch.longitudeRad();
    double ux = Math.cos(lat) * Math.cos(lon);
    double uy = Math.cos(lat) * Math.sin(lon);
    double uz = Math.sin(lat);
    double[] v = vertices.get(index);
    int[] starts = ringStarts.get(index);
    double bestScore = Double.NEGATIVE_INFINITY;
    double bestLon = 0;
    double bestLat = 0;
    for (int r = 0; r + 1 < starts.length; r++) {
      for (int i = starts[r]; i + 1 < starts[r + 1]; i++) {
        int a = 5 * i;
        int b = a + 5;
        double dx = v[b] - v[a];
        double dy = v[b + 1] - v[a + 1];
        double dz = v[b + 2] - v[a + 2];
        double lengthSquared = dx * dx + dy * dy + dz * dz;
        double t =
            lengthSquared == 0
                ? 0
                : ((ux - v[a]) * dx + (uy - v[a + 1]) * dy + (uz - v[a + 2]) * dz) / lengthSquared;
        t = Math.max(0, Math.min(1, t));
        double px = v[a] + t * dx;
        double py = v[a + 1] + t * dy;
        double pz = v[a + 2] + t * dz;
        double score = (ux * px + uy * py + uz * pz) / Math.sqrt(px * px + py * py + pz * pz);
        if (score > bestScore) {
          bestScore = score;
          bestLon = wrapDeg(v[a + 3] + t * Math.IEEEremainder(v[b + 3] - v[a + 3], 360));
          bestLat = v[a + 4] + t * (v[b + 4] - v[a + 4]);
        }
      }
    }
    return GeoPoint.of(bestLat, bestLon);
  }

  private static double wrapDeg(double longitudeDeg) {
    double wrapped = Math.IEEEremainder(longitudeDeg, 360);
    return wrapped == -180 ? 180 : wrapped;
  }

  /** The exterior and interior rings of every polygon in a geometry, in order. */
  static List<LineString> rings(Geometry geometry) {
    List<LineString> rings = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon polygon) {
        rings.add(polygon.getExteriorRing());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          rings.add(polygon.getInteriorRingN(h));
        }
      }
    }
    return rings;
  }
}
