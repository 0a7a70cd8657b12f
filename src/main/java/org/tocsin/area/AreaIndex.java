package org.tocsin.area;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
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

  /**
   * A footprint's area grid has about this many cells a side: areas are far larger than the spacing
   * of samples, so a point meets few of them.
   */
  private static final int AREA_GRID_SIDE = 32;

  /** A footprint's chunk grid has cells this many times narrower than a sample's window. */
  private static final int CELLS_PER_WINDOW = 2;

  /**
   * Grids pay for a footprint whose windows together cover at most this many windows' area: a
   * tracked missile's footprint, a few kilometres across. A wider one (an early track, a corridor)
   * meets too many chunks in its grid, and each sample queries the trees instead.
   */
  private static final double GRID_MAX_WINDOWS = 12;

  private final IndexedPointInAreaLocator[] locators;
  private final Envelope[] areaEnvelopes;
  private final STRtree areaTree = new STRtree();
  private final STRtree boundaryTree = new STRtree();
  private final double[] lonLat;

  AreaIndex(List<Area> areas) {
    locators = new IndexedPointInAreaLocator[areas.size()];
    areaEnvelopes = new Envelope[areas.size()];
    lonLat = new double[2 * areas.stream().mapToInt(a -> a.geometry().getNumPoints()).sum()];
    int offset = 0;
    for (int i = 0; i < areas.size(); i++) {
      Geometry geometry = areas.get(i).geometry();
      locators[i] = new IndexedPointInAreaLocator(geometry);
      Envelope envelope = geometry.getEnvelopeInternal();
      areaEnvelopes[i] = envelope;
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

  /** How {@link #weightsByArea} finds the areas and boundary chunks around each sample. */
  enum Search {
    /** Each sample queries the area set's STR-trees with its point and windows. */
    TREES,
    /** The footprint's surroundings are fetched once and bucketed in {@link EnvelopeGrid}s. */
    GRIDS,
    /** Grids for a footprint that spans a few windows, trees for a wider one (the cheaper). */
    CHEAPER
  }

  /**
   * For each area, the sum of the weights of the samples that lie in it or within {@code radiusM}
   * of its boundary; each sample counts once per area, and the weights are summed in the samples'
   * order.
   */
  double[] weightsByArea(List<ImpactSample> samples, double radiusM) {
    return weightsByArea(samples, radiusM, Search.CHEAPER);
  }

  /**
   * {@link #weightsByArea(List, double)} with the given search. Every search meets exactly the
   * areas and chunks that the trees return for a sample's point and windows, and tests them alike
   * (whether the sample lies in the area, or within the radius of the chunk's edges), so the sums
   * are the same to the last bit whichever is used.
   */
  double[] weightsByArea(List<ImpactSample> samples, double radiusM, Search search) {
    List<ImpactSample> weighted = new ArrayList<>(samples.size());
    for (ImpactSample sample : samples) {
      if (sample.weight() > 0) {
        weighted.add(sample);
      }
    }
    WeightSum sum = new WeightSum(weighted, radiusM, search);
    for (int i = 0; i < weighted.size(); i++) {
      sum.add(i);
    }
    return sum.weights;
  }

  /**
   * The state of one {@link #weightsByArea} call: per-area sums, the samples' metrics and windows,
   * and the footprint's grids when it uses them.
   */
  private final class WeightSum {
    final List<ImpactSample> samples;
    final double radiusM;
    final double radiusSquaredM2;
    final double[] weights = new double[locators.length];

    /** The number of the last sample counted for each area, so that none counts twice. */
    final int[] counted = new int[locators.length];

    /** Each sample's metric and search windows (one, or more across the antimeridian). */
    final LocalMetric[] metrics;

    final List<List<Envelope>> windows;

    /** The areas and chunks around the footprint and their grids; empty with the trees. */
    int[] areaIds = new int[0];

    EnvelopeGrid areaGrid;
    Chunk[] chunks = new Chunk[0];
    EnvelopeGrid chunkGrid;

    int sampleNumber;
    double weight;
    Coordinate coordinate;
    LocalMetric metric;

    final ItemVisitor nearBoundaryItem = item -> countIfNearBoundary((Chunk) item);
    final ItemVisitor insideItem = item -> countIfInside((Integer) item);
    final IntConsumer nearBoundary = item -> countIfNearBoundary(chunks[item]);
    final IntConsumer inside = item -> countIfInside(areaIds[item]);

    WeightSum(List<ImpactSample> samples, double radiusM, Search search) {
      this.samples = samples;
      this.radiusM = radiusM;
      this.radiusSquaredM2 = radiusM * radiusM;
      this.metrics = new LocalMetric[samples.size()];
      this.windows = new ArrayList<>(samples.size());
      Envelope points = new Envelope();
      Envelope reach = new Envelope();
      double windowWidth = 0;
      double windowHeight = 0;
      for (int i = 0; i < samples.size(); i++) {
        GeoPoint point = samples.get(i).point();
        points.expandToInclude(point.longitudeDeg(), point.latitudeDeg());
        List<Envelope> sampleWindows = new ArrayList<>(1);
        if (radiusM > 0) {
          metrics[i] = new LocalMetric(point.latitudeDeg(), point.longitudeDeg());
          metrics[i].forEachWindow(radiusM, sampleWindows::add);
          for (Envelope window : sampleWindows) {
            reach.expandToInclude(window);
            windowWidth = Math.max(windowWidth, window.getWidth());
            windowHeight = Math.max(windowHeight, window.getHeight());
          }
        }
        windows.add(sampleWindows);
      }
      boolean grids =
          search == Search.GRIDS
              || (search == Search.CHEAPER
                  && reach.getArea() <= GRID_MAX_WINDOWS * windowWidth * windowHeight);
      if (grids && !points.isNull()) {
        bucket(points, reach, windowWidth, windowHeight);
      }
    }

    /** Fetches the areas and chunks around the footprint from the trees, into grids. */
    private void bucket(Envelope points, Envelope reach, double windowWidth, double windowHeight) {
      List<?> areaItems = areaTree.query(points);
      areaIds = areaItems.stream().mapToInt(item -> (Integer) item).toArray();
      Envelope[] envelopes = new Envelope[areaIds.length];
      for (int k = 0; k < areaIds.length; k++) {
        envelopes[k] = areaEnvelopes[areaIds[k]];
      }
      areaGrid =
          new EnvelopeGrid(
              points,
              envelopes,
              points.getWidth() / AREA_GRID_SIDE,
              points.getHeight() / AREA_GRID_SIDE);
      if (reach.isNull()) {
        return; // no radius: no sample has a window
      }
      List<?> chunkItems = boundaryTree.query(reach);
      chunks = chunkItems.toArray(new Chunk[0]);
      Envelope[] chunkEnvelopes = new Envelope[chunks.length];
      for (int k = 0; k < chunks.length; k++) {
        chunkEnvelopes[k] = chunks[k].envelope();
      }
      chunkGrid =
          new EnvelopeGrid(
              reach,
              chunkEnvelopes,
              windowWidth / CELLS_PER_WINDOW,
              windowHeight / CELLS_PER_WINDOW);
    }

    void add(int i) {
      sampleNumber++;
      ImpactSample sample = samples.get(i);
      weight = sample.weight();
      GeoPoint point = sample.point();
      coordinate = new Coordinate(point.longitudeDeg(), point.latitudeDeg());
      metric = metrics[i];
      if (areaGrid != null) {
        for (Envelope window : windows.get(i)) {
          chunkGrid.query(window, nearBoundary);
        }
        areaGrid.query(new Envelope(coordinate), inside);
      } else {
        for (Envelope window : windows.get(i)) {
          boundaryTree.query(window, nearBoundaryItem);
        }
        areaTree.query(new Envelope(coordinate), insideItem);
      }
    }

    private void countIfNearBoundary(Chunk chunk) {
      if (counted[chunk.area()] != sampleNumber
          && metric.envelopeDistanceLowerBoundM(chunk.envelope()) <= radiusM
          && metric.polylineDistanceSquared(lonLat, chunk.offset(), chunk.vertexCount())
              <= radiusSquaredM2) {
        count(chunk.area());
      }
    }

    private void countIfInside(int area) {
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
