package org.tocsin.area;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * GeoJSON Polygon and MultiPolygon geometries (RFC 7946 §3.1.6–7) to JTS, checking what JTS would
 * otherwise accept or fail on obscurely: ring length, closure, coordinate ranges. Messages name the
 * polygon (for a MultiPolygon), the ring and the position.
 */
final class GeoJsonPolygons {

  /** WGS84 longitude/latitude, EPSG:4326, in double precision. */
  static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private GeoJsonPolygons() {}

  /**
   * @throws IllegalArgumentException naming the fault, without the feature
   */
  static Geometry parse(JsonNode geometry) {
    if (geometry == null || geometry.isNull()) {
      throw new IllegalArgumentException("has no geometry");
    }
    String type = geometry.path("type").asText("");
    if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
      throw new IllegalArgumentException(
          "geometry is "
              + (type.isEmpty() ? "of no type" : "a " + type)
              + ", needs Polygon or MultiPolygon");
    }
    JsonNode coordinates = geometry.get("coordinates");
    if (coordinates == null || !coordinates.isArray()) {
      throw new IllegalArgumentException(type + " has no coordinates array");
    }
    if (type.equals("Polygon")) {
      return polygon(coordinates, "");
    }
    if (coordinates.isEmpty()) {
      throw new IllegalArgumentException("MultiPolygon has no polygons");
    }
    Polygon[] polygons = new Polygon[coordinates.size()];
    for (int i = 0; i < polygons.length; i++) {
      polygons[i] = polygon(coordinates.get(i), "polygon " + i + " ");
    }
    return FACTORY.createMultiPolygon(polygons);
  }

  private static Polygon polygon(JsonNode rings, String where) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new IllegalArgumentException(where + "has no rings");
    }
    LinearRing shell = ring(rings.get(0), where + "ring 0");
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = ring(rings.get(i + 1), where + "ring " + (i + 1));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions, String ring) {
    if (!positions.isArray()) {
      throw new IllegalArgumentException(ring + " is not an array of positions");
    }
    int count = positions.size();
    if (count < 4) {
      throw new IllegalArgumentException(
          ring + " has " + count + " position" + (count == 1 ? "" : "s") + ", needs at least 4");
    }
    Coordinate[] coordinates = new Coordinate[count];
    for (int i = 0; i < count; i++) {
      coordinates[i] = position(positions.get(i), ring + " position " + i);
    }
    if (!coordinates[0].equals2D(coordinates[count - 1])) {
      throw new IllegalArgumentException(
          ring + " is not closed: its last position differs from its first");
    }
    return FACTORY.createLinearRing(coordinates);
  }

  private static Coordinate position(JsonNode position, String where) {
    if (!position.isArray()
        || position.size() < 2
        || !position.get(0).isNumber()
        || !position.get(1).isNumber()) {
      throw new IllegalArgumentException(where + " is not a [longitude, latitude] pair");
    }
    double lon = position.get(0).doubleValue();
    double lat = position.get(1).doubleValue();
    if (!(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException(
          where + " has longitude " + lon + ", must be within [-180, 180]");
    }
    if (!(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException(
          where + " has latitude " + lat + ", must be within [-90, 90]");
    }
    return new Coordinate(lon, lat);
  }
}
