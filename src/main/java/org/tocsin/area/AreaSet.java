package org.tocsin.area;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.tocsin.geo.GeoPoint;

/**
 * A set of warning areas with the spatial queries that warning needs: which area holds a point,
 * which areas lie near it, and the probability that a footprint of impact samples reaches each
 * area.
 *
 * <p>Immutable and thread-safe; the indexes are built once, when the set is made. Distances are
 * measured on the WGS84 ellipsoid with a relative error under 1 % for distances up to 100 km (see
 * {@link LocalMetric}); edges are straight in longitude and latitude, as GeoJSON draws them.
 */
public final class AreaSet {

  /** The largest buffer radius accepted, in metres. */
  public static final double MAX_RADIUS_M = 1_000_000;

  /**
   * The most corners a drawn polygon may have: a hand-drawn outline has tens, and a polygon of a
   * hundred thousand cost seconds of CPU to check and intersect, for anyone with a console login.
   */
  public static final int MAX_POLYGON_VERTICES = 1_000;

  private static final double WEIGHT_SUM_TOLERANCE = 1e-9;

  private final String id;
  private final List<Area> areas;
  private final List<String> repairs;
  private final Map<String, Integer> indexById;
  private final double totalAreaKm2;
  private final AreaIndex index;
  private final List<GeoPoint> centroids;

  AreaSet(String id, List<Area> areas, List<String> repairs) {
    this.id = Objects.requireNonNull(id, "id");
    this.areas = List.copyOf(areas);
    this.repairs = List.copyOf(repairs);
    if (this.areas.isEmpty()) {
      throw new IllegalArgumentException("area set " + id + " has no areas");
    }
    Map<String, Integer> byId = new HashMap<>();
    List<GeoPoint> centres = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < this.areas.size(); i++) {
      Area area = this.areas.get(i);
      if (byId.putIfAbsent(area.id(), i) != null) {
        throw new IllegalArgumentException("area set " + id + " has two areas " + area.id());
      }
      total += area.areaKm2();
      Point centroid = area.geometry().getCentroid();
      centres.add(GeoPoint.of(centroid.getY(), centroid.getX()));
    }
    this.indexById = Map.copyOf(byId);
    this.totalAreaKm2 = total;
    this.index = new AreaIndex(this.areas);
    this.centroids = List.copyOf(centres);
  }

  /** The set's id: a bundled id such as {@code ua-hromadas}, or the path it was loaded from. */
  public String id() {
    return id;
  }

  /** The areas, in the order of the source. */
  public List<Area> areas() {
    return areas;
  }

  public int size() {
    return areas.size();
  }

  /** The sum of the areas' geodesic areas, in km². */
  public double totalAreaKm2() {
    return totalAreaKm2;
  }

  public Optional<Area> byId(String areaId) {
    Integer i = indexById.get(areaId);
    return i == null ? Optional.empty() : Optional.of(areas.get(i));
  }

  /**
   * The centroid of an area of the set, in lon/lat degrees as its geometry is. Computed once, with
   * the set: every decision engine made on the set reads it, and the server makes a new one at each
   * rebuild from the journal (computing them there cost tens of milliseconds each time).
   *
   * @throws IllegalArgumentException when the area is not in the set
   */
  public GeoPoint centroid(String areaId) {
    Integer i = indexById.get(areaId);
    if (i == null) {
      throw new IllegalArgumentException("area " + areaId + " is not in the set " + id);
    }
    return centroids.get(i);
  }

  /**
   * Notes, one per polygon, on the invalid polygons (self-intersections, bow-ties) that were
   * repaired when the set was loaded; empty when all were valid.
   */
  public List<String> repairs() {
    return repairs;
  }

  /**
   * The area that contains the point, its boundary included; empty at sea or abroad. Where several
   * do (a point on a shared border, overlapping areas), one that holds the point in its interior
   * wins, then the one first in {@link #areas()}.
   */
  public Optional<Area> containing(GeoPoint point) {
    int i = index.containing(Objects.requireNonNull(point, "point"));
    return i < 0 ? Optional.empty() : Optional.of(areas.get(i));
  }

  /**
   * The areas within {@code distanceM} of the point, the ones containing it included, nearest first
   * (ties by id).
   *
   * @param distanceM geodesic distance in metres, within [0, {@link #MAX_RADIUS_M}]
   */
  public List<Area> near(GeoPoint point, double distanceM) {
    Objects.requireNonNull(point, "point");
    requireRadius("distance", distanceM);
    double[] distances = index.distancesM(point, distanceM);
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < distances.length; i++) {
      if (distances[i] <= distanceM) {
        found.add(i);
      }
    }
    found.sort(
        Comparator.<Integer>comparingDouble(i -> distances[i])
            .thenComparing(i -> areas.get(i).id()));
    return found.stream().map(areas::get).toList();
  }

  /**
   * For each area, the probability that an impact lies in it or within {@code radiusM} of it: the
   * sum of the weights of the samples that do. A sample on a shared border counts for both areas.
   *
   * @param samples the footprint: impact points with their probabilities, summing to at most 1
   * @param radiusM buffer radius in metres, within [0, {@link #MAX_RADIUS_M}]
   * @return the areas with a probability above 0, most probable first, ties by id
   * @throws IllegalArgumentException when the radius is out of range or the weights sum to more
   *     than 1
   */
  public List<AreaProbability> match(List<ImpactSample> samples, double radiusM) {
    requireRadius("radius", radiusM);
    double totalWeight = 0;
    for (ImpactSample sample : samples) {
      totalWeight += sample.weight();
    }
    if (totalWeight > 1 + WEIGHT_SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          "sample weights must sum to at most 1, were " + totalWeight);
    }
    double[] weights = index.weightsByArea(samples, radiusM);
    List<AreaProbability> matched = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        matched.add(new AreaProbability(areas.get(i), Math.min(1, weights[i])));
      }
    }
    matched.sort(
        Comparator.comparingDouble(AreaProbability::probability)
            .reversed()
            .thenComparing(p -> p.area().id()));
    return matched;
  }

  /**
   * The areas that a drawn polygon touches or covers, in the order of {@link #areas()}: the
   * audience of a warning drawn on the map.
   *
   * @param polygon a valid, non-empty polygon or multipolygon in lon/lat degrees, of at most {@link
   *     #MAX_POLYGON_VERTICES} corners in all
   * @throws IllegalArgumentException when it is not one, saying why
   */
  public List<Area> intersecting(Geometry polygon) {
    Objects.requireNonNull(polygon, "polygon");
    if (!(polygon instanceof Polygonal) || polygon.isEmpty()) {
      throw new IllegalArgumentException(
          "polygon: must be a non-empty Polygon, was " + polygon.getGeometryType());
    }
    int vertices = vertices(polygon);
    if (vertices > MAX_POLYGON_VERTICES) {
      throw new IllegalArgumentException(
          "polygon: at most " + MAX_POLYGON_VERTICES + " vertices, was " + vertices);
    }
    if (!polygon.isValid()) {
      throw new IllegalArgumentException("polygon: must be valid (no self-intersections), was not");
    }
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygon);
    return areas.stream().filter(area -> prepared.intersects(area.geometry())).toList();
  }

  /**
   * The areas that a GeoJSON Polygon or MultiPolygon (lon/lat) touches or covers; see {@link
   * #intersecting(Geometry)}.
   *
   * @throws IllegalArgumentException naming the fault when it is not a valid polygon
   */
  public List<Area> intersecting(com.fasterxml.jackson.databind.JsonNode geoJsonPolygon) {
    Geometry polygon;
    try {
      polygon = GeoJsonPolygons.parse(geoJsonPolygon);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("polygon: " + e.getMessage(), e);
    }
    return intersecting(polygon);
  }

  /** The corners of a polygon or multipolygon: its points less each ring's closing one. */
  private static int vertices(Geometry polygonal) {
    int rings = 0;
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      rings += 1 + ((Polygon) polygonal.getGeometryN(i)).getNumInteriorRing();
    }
    return polygonal.getNumPoints() - rings;
  }

  private static void requireRadius(String name, double valueM) {
    if (!(valueM >= 0 && valueM <= MAX_RADIUS_M)) {
      throw new IllegalArgumentException(
          name + " must be within [0, " + (long) MAX_RADIUS_M + "] m, was " + valueM + " m");
    }
  }

  @Override
  public String toString() {
    return "AreaSet[" + id + ", " + areas.size() + " areas]";
  }
}
