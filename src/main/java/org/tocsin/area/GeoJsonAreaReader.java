package org.tocsin.area;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads a GeoJSON FeatureCollection of polygons into areas, refusing what it cannot read without
 * guessing (each refusal names the feature by index and id, and the fault) and repairing polygons
 * that are merely invalid (self-intersections, bow-ties) with JTS {@link GeometryFixer}, with a
 * note for each repair.
 */
final class GeoJsonAreaReader {

  /** The areas of a collection, in file order, and the notes on the polygons repaired. */
  record Loaded(List<Area> areas, List<String> repairs) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeoJsonAreaReader() {}

  /**
   * @throws IllegalArgumentException for input that is not a valid FeatureCollection of polygons
   * @throws UncheckedIOException when the stream cannot be read
   */
  static Loaded read(InputStream in, FeatureSchema schema) {
    JsonNode features = features(parse(in));
    List<Area> areas = new ArrayList<>(features.size());
    List<String> repairs = new ArrayList<>();
    Map<String, Integer> indexById = new HashMap<>();
    for (int index = 0; index < features.size(); index++) {
      JsonNode feature = features.get(index);
      if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
        throw new IllegalArgumentException("feature " + index + ": is not a GeoJSON Feature");
      }
      JsonNode properties = feature.path("properties");
      String id = id(feature, properties, schema, index);
      String label = "feature " + index + " (" + id + ")";
      Integer previous = indexById.putIfAbsent(id, index);
      if (previous != null) {
        throw new IllegalArgumentException(
            label + ": duplicate id, already used by feature " + previous);
      }
      Geometry geometry;
      try {
        geometry = GeoJsonPolygons.parse(feature.get("geometry"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
      }
      geometry = repairedIfInvalid(geometry, label, repairs);
      String nameUk = firstText(properties, schema.nameUkProperties());
      String nameEn = firstText(properties, schema.nameEnProperties());
      areas.add(
          new Area(
              id,
              nameUk != null ? nameUk : nameEn != null ? nameEn : id,
              nameEn != null ? nameEn : nameUk != null ? nameUk : id,
              geometry,
              GeodesicArea.km2(geometry),
              text(properties.get(FeatureSchema.OBLAST_PROPERTY)),
              population(properties.get(FeatureSchema.POPULATION_PROPERTY), label)));
    }
    return new Loaded(List.copyOf(areas), List.copyOf(repairs));
  }

  /** The population property: absent or null, or a whole number of people, at least 0. */
  private static java.util.OptionalLong population(JsonNode value, String label) {
    if (value == null || value.isNull()) {
      return java.util.OptionalLong.empty();
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
      throw new IllegalArgumentException(
          label
              + ": property "
              + FeatureSchema.POPULATION_PROPERTY
              + " must be a whole number of at least 0, was "
              + value);
    }
    return java.util.OptionalLong.of(value.asLong());
  }

  private static JsonNode parse(InputStream in) {
    try {
      return MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "not valid JSON: "
              + e.getOriginalMessage()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode features(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a GeoJSON FeatureCollection: not a JSON object");
    }
    String type = root.path("type").asText("");
    if (!"FeatureCollection".equals(type)) {
      throw new IllegalArgumentException("not a GeoJSON FeatureCollection: type is '" + type + "'");
    }
    JsonNode features = root.get("features");
    if (features == null || !features.isArray()) {
      throw new IllegalArgumentException("FeatureCollection has no 'features' array");
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("FeatureCollection has no features");
    }
    return features;
  }

  private static String id(JsonNode feature, JsonNode properties, FeatureSchema schema, int index) {
    JsonNode node =
        schema.idProperty() == null ? feature.get("id") : properties.get(schema.idProperty());
    String id = text(node);
    if (id == null) {
      String where =
          schema.idProperty() == null
              ? "no 'id' member"
              : "no property '" + schema.idProperty() + "'";
      throw new IllegalArgumentException("feature " + index + ": has no id (" + where + ")");
    }
    return id;
  }

  private static Geometry repairedIfInvalid(Geometry geometry, String label, List<String> repairs) {
    IsValidOp validity = new IsValidOp(geometry);
    if (validity.isValid()) {
      return geometry;
    }
    TopologyValidationError error = validity.getValidationError();
    String fault = error.getMessage() + describe(error.getCoordinate());
    Geometry fixed = GeometryFixer.fix(geometry);
    if (fixed.isEmpty() || !(fixed instanceof Polygonal)) {
      throw new IllegalArgumentException(
          label + ": invalid polygon (" + fault + ") and repairing it leaves no area");
    }
    repairs.add(
        String.format(
            Locale.ROOT,
            "%s: invalid polygon (%s) repaired with GeometryFixer, %.3f km² after repair",
            label,
            fault,
            GeodesicArea.km2(fixed)));
    return fixed;
  }

  private static String describe(Coordinate at) {
    return at == null ? "" : String.format(Locale.ROOT, " at %.6f,%.6f lat,lon", at.y, at.x);
  }

  private static String firstText(JsonNode properties, List<String> names) {
    for (String name : names) {
      String text = text(properties.get(name));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** A string or number as text; {@code null} when absent, JSON null, blank or structured. */
  private static String text(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isNumber())) {
      return null;
    }
    String text = node.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
