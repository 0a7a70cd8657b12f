package org.tocsin.atlas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * Reads the {@code atlas.geojson} that {@code tocsin atlas --out} writes, for a server to show. The
 * file comes from outside the server (an operator's disk, or someone else's hands), so it is
 * checked completely and bounded before anything of it is served: the first thing wrong is named
 * with its place in the file and the rule it breaks.
 */
public final class AtlasLayerReader {

  /** Largest file read: Ukraine's 1,769 hromadas make about 5 MiB. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  /** Most areas in an atlas: far above any country's communities. */
  public static final int MAX_AREAS = 50_000;

  /** Most outline vertices in all, so that the page it is sent to stays drawable. */
  public static final int MAX_VERTICES = 5_000_000;

  /** Longest flight or warning time accepted (s): a day, well beyond any ballistic flight. */
  static final double MAX_TIME_S = 86_400;

  private static final int MAX_ID_CHARS = 100;
  private static final int MAX_NAME_CHARS = 200;
  private static final Pattern SET_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private AtlasLayerReader() {}

  /**
   * The atlas in {@code file}.
   *
   * @throws InvalidAtlasException naming the file, the field and the rule, when it is not one
   */
  public static AtlasLayer read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new InvalidAtlasException(
            "atlas file " + file + " must be at most " + MAX_FILE_BYTES + " bytes, was " + size);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      }
      return parse(bytes, file.toString());
    } catch (IOException e) {
      throw new InvalidAtlasException("atlas file " + file + " cannot be read: " + e, e);
    }
  }

  /**
   * The atlas in {@code bytes}.
   *
   * @param source what the bytes are, for messages
   * @throws InvalidAtlasException naming the source, the field and the rule
   */
  public static AtlasLayer parse(byte[] bytes, String source) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw new InvalidAtlasException(
          "atlas file " + source + " must be at most " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidAtlasException(
          "atlas file " + source + " must be JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidAtlasException("atlas file " + source + " cannot be read: " + e, e);
    }
    return new Checker(source).atlas(root);
  }

  /** Walks one file, naming each field by its path in the file. */
  private static final class Checker {
    private final String source;
    private final GeoJsonReader geometries = new GeoJsonReader();
    private int vertices;

    Checker(String source) {
      this.source = source;
    }

    AtlasLayer atlas(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw problem("the file", "must be a GeoJSON object");
      }
      if (!"FeatureCollection".equals(root.path("type").asText(null))) {
        throw problem("type", "must be \"FeatureCollection\"", root.get("type"));
      }
      JsonNode settings = root.get("atlas");
      if (settings == null || !settings.isObject()) {
        throw problem("atlas", "must be the object of settings that tocsin atlas writes", settings);
      }
      String threatClass = text(settings, "atlas.class", 20);
      try {
        ThreatClass.fromId(threatClass);
      } catch (IllegalArgumentException e) {
        throw problem(
            "atlas.class", "must be a threat class (srbm, mrbm, irbm, icbm)", threatClass);
      }
      String areaSet = text(settings, "atlas.areaSet", MAX_ID_CHARS);
      if (!SET_ID.matcher(areaSet).matches()) {
        throw problem("atlas.areaSet", "must be letters, digits, '.', '_' or '-'", areaSet);
      }
      double boostS = seconds(settings, "atlas.boostS");
      double detectionS = seconds(settings, "atlas.detectionLatencyS");
      double decisionS = seconds(settings, "atlas.decisionLatencyS");
      List<GeoPoint> launches = launches(settings.get("launches"));
      JsonNode features = root.get("features");
      if (features == null || !features.isArray() || features.isEmpty()) {
        throw problem("features", "must be a non-empty array of areas", features);
      }
      if (features.size() > MAX_AREAS) {
        throw problem(
            "features", "must hold at most " + MAX_AREAS + " areas, held " + features.size());
      }
      List<AtlasLayer.Entry> areas = new ArrayList<>(features.size());
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < features.size(); i++) {
        AtlasLayer.Entry entry = area(features.get(i), "features[" + i + "]");
        if (!ids.add(entry.id())) {
          throw problem("features[" + i + "].id", "must be unique", entry.id());
        }
        areas.add(entry);
      }
      return new AtlasLayer(areaSet, threatClass, boostS, detectionS, decisionS, launches, areas);
    }

    private List<GeoPoint> launches(JsonNode node) {
      if (node == null || !node.isArray() || node.isEmpty()) {
        throw problem("atlas.launches", "must be a non-empty array of points", node);
      }
      if (node.size() > ShelterAtlas.MAX_LAUNCHES) {
        throw problem(
            "atlas.launches", "must hold at most " + ShelterAtlas.MAX_LAUNCHES + " points");
      }
      List<GeoPoint> points = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        String field = "atlas.launches[" + i + "]";
        double lat = number(node.get(i), field + ".lat", "lat", -90, 90);
        double lon = number(node.get(i), field + ".lon", "lon", -180, 180);
        points.add(GeoPoint.of(lat, lon));
      }
      return points;
    }

    private AtlasLayer.Entry area(JsonNode feature, String field) {
      if (feature == null || !feature.isObject()) {
        throw problem(field, "must be a GeoJSON Feature object", feature);
      }
      if (!"Feature".equals(feature.path("type").asText(null))) {
        throw problem(field + ".type", "must be \"Feature\"", feature.get("type"));
      }
      JsonNode properties = feature.get("properties");
      if (properties == null || !properties.isObject()) {
        throw problem(field + ".properties", "must be an object", properties);
      }
      String id = text(properties, field + ".properties.id", MAX_ID_CHARS);
      String nameEn = optionalText(properties, field + ".properties.nameEn");
      String nameUk = optionalText(properties, field + ".properties.nameUk");
      String bandId = text(properties, field + ".properties.band", 40);
      RangeBand band = band(bandId, field + ".properties.band");
      OptionalDouble flight = time(properties, field + ".properties.flightTimeS", band);
      OptionalDouble warning = time(properties, field + ".properties.warningTimeS", band);
      if (flight.isPresent() && warning.getAsDouble() > flight.getAsDouble()) {
        throw problem(
            field + ".properties.warningTimeS",
            "must be at most the flight time " + flight.getAsDouble(),
            warning.getAsDouble());
      }
      return new AtlasLayer.Entry(
          id, nameEn, nameUk, band, flight, warning, geometry(feature.get("geometry"), field));
    }

    private RangeBand band(String id, String field) {
      for (RangeBand band : RangeBand.values()) {
        if (band.id().equals(id)) {
          return band;
        }
      }
      throw problem(
          field, "must be one of within, short-of-minimum, beyond, beyond-model-reach", id);
    }

    private OptionalDouble time(JsonNode properties, String field, RangeBand band) {
      JsonNode node = properties.get(field.substring(field.lastIndexOf('.') + 1));
      if (!band.hasTimes()) {
        if (node != null && !node.isNull()) {
          throw problem(field, "must be null for an area of band " + band.id(), node);
        }
        return OptionalDouble.empty();
      }
      if (node == null || !node.isNumber()) {
        throw problem(field, "must be a number of seconds for an area of band " + band.id(), node);
      }
      double seconds = node.asDouble();
      if (!(seconds >= 0 && seconds <= MAX_TIME_S)) {
        throw problem(field, "must be within [0, " + (long) MAX_TIME_S + "] s", node);
      }
      return OptionalDouble.of(seconds);
    }

    private Geometry geometry(JsonNode node, String feature) {
      String field = feature + ".geometry";
      if (node == null || !node.isObject()) {
        throw problem(field, "must be a Polygon or MultiPolygon", node);
      }
      String type = node.path("type").asText("");
      if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
        throw problem(field + ".type", "must be Polygon or MultiPolygon", node.get("type"));
      }
      Geometry geometry;
      try {
        geometry = geometries.read(node.toString());
      } catch (ParseException | RuntimeException e) {
        throw problem(field, "must be a well-formed " + type + " (" + e.getMessage() + ")");
      }
      if (geometry.isEmpty()) {
        throw problem(field, "must not be empty");
      }
      vertices += geometry.getNumPoints();
      if (vertices > MAX_VERTICES) {
        throw problem(field, "takes the file past " + MAX_VERTICES + " vertices in all");
      }
      for (Coordinate c : geometry.getCoordinates()) {
        if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
          throw problem(
              field,
              "must have longitudes within [-180, 180] and latitudes within [-90, 90], had "
                  + c.x
                  + ", "
                  + c.y);
        }
      }
      return geometry;
    }

    private String text(JsonNode parent, String field, int maxChars) {
      JsonNode node = parent.get(field.substring(field.lastIndexOf('.') + 1));
      if (node == null || !node.isTextual() || node.asText().isBlank()) {
        throw problem(field, "must be a non-empty string", node);
      }
      return checked(node.asText(), field, maxChars);
    }

    private String optionalText(JsonNode parent, String field) {
      JsonNode node = parent.get(field.substring(field.lastIndexOf('.') + 1));
      if (node == null || node.isNull()) {
        return "";
      }
      if (!node.isTextual()) {
        throw problem(field, "must be a string", node);
      }
      return checked(node.asText(), field, MAX_NAME_CHARS);
    }

    private String checked(String text, String field, int maxChars) {
      if (text.length() > maxChars) {
        throw problem(field, "must be at most " + maxChars + " characters, was " + text.length());
      }
      if (text.chars().anyMatch(Character::isISOControl)) {
        throw problem(field, "must not hold control characters");
      }
      return text;
    }

    private double seconds(JsonNode parent, String field) {
      return number(parent, field, field.substring(field.lastIndexOf('.') + 1), 0, MAX_TIME_S);
    }

    private double number(JsonNode parent, String field, String name, double min, double max) {
      JsonNode node = parent == null || !parent.isObject() ? null : parent.get(name);
      if (node == null || !node.isNumber()) {
        throw problem(field, "must be a number", node);
      }
      double value = node.asDouble();
      if (!(value >= min && value <= max)) {
        throw problem(field, "must be within [" + plain(min) + ", " + plain(max) + "]", node);
      }
      return value;
    }

    private static String plain(double value) {
      return value == Math.rint(value)
          ? Long.toString((long) value)
          : String.format(Locale.ROOT, "%s", value);
    }

    private InvalidAtlasException problem(String field, String rule) {
      return new InvalidAtlasException("atlas file " + source + ": " + field + " " + rule);
    }

    private InvalidAtlasException problem(String field, String rule, Object was) {
      String shown = was == null ? "missing" : clip(String.valueOf(was));
      return problem(field, rule + ", was " + shown);
    }

    private static String clip(String text) {
      return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
  }
}
