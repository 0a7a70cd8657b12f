package org.tocsin.area;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;
import org.tocsin.geo.GeoPoint;

/**
 * The spatial indexes of an area set: which areas contain a point, and which lie within a distance
 * of it.
 *
 * <p>Design note. Containment uses one STR-tree over the areas' envelopes and, per candidate, a JTS
 * {@link IndexedPointInAreaLocator} (an interval tree of the edges by latitude, so a test costs
 * O(log n)); points on a boundary count as inside, so a point on a shared border belongs to both
 * areas rather than to neither. Distance uses a second STR-tree over all boundary rings cut into
 * chunks of {@value #SEGMENTS_PER_CHUNK} edges, their vertices packed in one {@code double[]}. A
 * query visits the chunks whose envelopes meet the lon/lat window of the radius, skips those whose
 * envelope is provably too far, and measures the rest edge by edge in the {@link LocalMetric} plane
 * around the query point. An area is within the radius of a point outside it exactly when some edge
 * of its boundary is, so this finds every such area, however large.
 *
 * <p>Both trees are built, and every locator's lazy index forced, in the constructor: the JTS
 * structures build themselves lazily without safe publication, and after construction they are only
 * read, so one index serves any number of threads.
 */
final class AreaIndex {

  static final int SEGMENTS_PER_CHUNK = 8;

  /** A run of consecutive boundary vertices of one area. */
  private record Chunk(int area, int offset, int vertexCount, Envelope envelope) {}

  private final IndexedPointInAreaLocator[] locators;
  private final STRtree areaTree = new STRtree();
  private final STRtree boundaryTree = new STRtree();
  private final double[] lonLat;

  AreaIndex(List<Area> areas) {
    locators = new IndexedPointInAreaLocator[areas.size()];
    lonLat = new double[2 * areas.stream().mapToInt(a -> a.geometry().getNumPoints()).sum()];
    int offset = 0;
    for (int i = 0; i < areas.size(); i++) {
      Geometry geometry = areas.get(i).geometry();
      locators[i] = new IndexedPointInAreaLocator(geometry);
      Envelope envelope = geometry.getEnvelopeInternal();
      locators[i].locate(new Coordinate(envelope.getMinX(), envelope.getMinY()));
      areaTree.insert(envelope, i);
      for (int p = 0; p < geometry.getNumGeometries(); p++) {
        Polygon polygon = (Polygon) geometry.getGeometryN(p);
        offset = addRing(i, polygon.getExteriorRing(), offset);
        for (int hole = 0; hole < polygon.getNumInteriorRing(); hole++) {
          offset = addRing(i, polygon.getInteriorRingN(hole), offset);
        }
      }
    }
    areaTree.build();
    boundaryTree.build();
  }

  private int addRing(int area, LineString ring, int offset) {
    Coordinate[] coordinates = ring.getCoordinates();
    int ringOffset = offset;
    for (Coordinate coordinate : coordinates) {
      lonLat[offset++] = coordinate.x;
      lonLat[offset++] = coordinate.y;
    }
    for (int first = 0; first < coordinates.length - 1; first += SEGMENTS_PER_CHUNK) {
      int last = Math.min(first + SEGMENTS_PER_CHUNK, coordinates.length - 1);
      Envelope envelope = new Envelope();
      for (int v = first; v <= last; v++) {
        envelope.expandToInclude(coordinates[v]);
      }
      boundaryTree.insert(
          envelope, new Chunk(area, ringOffset + 2 * first, last - first + 1, envelope));
    }
    return offset;
  }

  /**
   * Index of the area that contains the point, boundary included, or −1. Where several do (a shared
   * border, overlapping areas), one that holds it in its interior wins, then the lowest index.
   */
  int containing(GeoPoint point) {
    Coordinate coordinate = new Coordinate(point.longitudeDeg(), point.latitudeDeg());
    int[] best = {-1, Location.EXTERIOR};
    areaTree.query(
        new Envelope(coordinate),
        item -> {
          int area = (Integer) item;
          int location = locators[area].locate(coordinate);
          boolean better =
              location != Location.EXTERIOR
                  && (best[0] < 0
                      || (location == Location.INTERIOR && best[1] != Location.INTERIOR)
                      || (location == best[1] && area < best[0]));
          if (better) {
            best[0] = area;
            best[1] = location;
          }
        });
    return best[0];
  }

  /**
   * Distance in metres from the point to each area, 0 for an area that contains it, {@link
   * Double#POSITIVE_INFINITY} for areas farther than {@code maxDistanceM}.
   */
  double[] distancesM(GeoPoint point, double maxDistanceM) {
    double[] distances = new double[locators.length];
    Arrays.fill(distances, Double.POSITIVE_INFINITY);
    Coordinate coordinate = new Coordinate(point.longitudeDeg(), point.latitudeDeg());
    areaTree.query(
        new Envelope(coordinate),
        item -> {
          int area = (Integer) item;
          if (locators[area].locate(coordinate) != Location.EXTERIOR) {
            distances[area] = 0;
          }
        });
    LocalMetric metric = new LocalMetric(point.latitudeDeg(), point.longitudeDeg());
    ItemVisitor visitor =
        item -> {
          Chunk chunk = (Chunk) item;
          double lowerBoundM = metric.envelopeDistanceLowerBoundM(chunk.envelope());
          if (lowerBoundM > maxDistanceM || lowerBoundM >= distances[chunk.area()]) {
            return;
          }
          double distanceM =
              Math.sqrt(
                  metric.polylineDistanceSquared(lonLat, chunk.offset(), chunk.vertexCount()));
          if (distanceM <= maxDistanceM) {
            distances[chunk.area()] = Math.min(distances[chunk.area()], distanceM);
          }
        };
    metric.forEachWindow(maxDistanceM, window -> boundaryTree.query(window, visitor));
    return distances;
  }

  /**
   * For each area, the sum of the weights of the samples that lie in it or within {@code radiusM}
   * of its boundary; each sample counts once per area.
   */
  double[] weightsByArea(List<ImpactSample> samples, double radiusM) {
    WeightSum sum = new WeightSum(radiusM);
    for (ImpactSample sample : samples) {
      if (sample.weight() > 0) {
        sum.add(sample);
      }
    }
    return sum.weights;
  }

  /** The state of one {@link #weightsByArea} call: per-area sums and the current sample. */
  private final class WeightSum {
    final double radiusM;
    final double radiusSquaredM2;
    final double[] weights = new double[locators.length];

    /** The number of the last sample counted for each area, so that none counts twice. */
    final int[] counted = new int[locators.length];

    int sampleNumber;
    double weight;
    Coordinate coordinate;
    LocalMetric metric;

    final ItemVisitor nearBoundary = this::countIfNearBoundary;
    final ItemVisitor inside = this::countIfInside;

    WeightSum(double radiusM) {
      this.radiusM = radiusM;
      this.radiusSquaredM2 = radiusM * radiusM;
    }

    void add(ImpactSample sample) {
      sampleNumber++;
      weight = sample.weight();
      GeoPoint point = sample.point();
      coordinate = new Coordinate(point.longitudeDeg(), point.latitudeDeg());
      if (radiusM > 0) {
        metric = new LocalMetric(point.latitudeDeg(), point.longitudeDeg());
        metric.forEachWindow(radiusM, window -> boundaryTree.query(window, nearBoundary));
      }
      areaTree.query(new Envelope(coordinate), inside);
    }

    private void countIfNearBoundary(Object item) {
      Chunk chunk = (Chunk) item;
      if (counted[chunk.area()] != sampleNumber
          && metric.envelopeDistanceLowerBoundM(chunk.envelope()) <= radiusM
          && metric.polylineDistanceSquared(lonLat, chunk.offset(), chunk.vertexCount())
              <= radiusSquaredM2) {
        count(chunk.area());
      }
    }

    private void countIfInside(Object item) {
      int area = (Integer) item;
      if (counted[area] != sampleNumber && locators[area].locate(coordinate) != Location.EXTERIOR) {
        count(area);
      }
    }

    private void count(int area) {
      counted[area] = sampleNumber;
      weights[area] += weight;
    }
  }
}
