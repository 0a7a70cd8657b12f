package org.tocsin.area;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A region drawn as GeoJSON (RFC 7946): a Polygon or MultiPolygon geometry, a Feature holding one,
 * or a FeatureCollection of them, read as the union of all its polygons, in WGS84 longitude and
 * latitude.
 */
public final class GeoJsonRegion {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeoJsonRegion() {}

  /**
   * Reads the stream to its end (without closing it).
   *
   * @throws IllegalArgumentException naming the fault when it is not such a region
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static Geometry read(InputStream in) {
    JsonNode root;
    try {
      // GeoJSON is UTF-8 (RFC 7946 §1, RFC 8259 §8.1): reading it as such, rather than letting the
      // parser guess an encoding from the first bytes, keeps a UTF-32 look-alike a JSON error.
      root = MAPPER.readTree(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("must be a GeoJSON object");
    }
    List<Geometry> parts = new ArrayList<>();
    String type = root.path("type").asText("");
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode features = root.get("features");
        if (features == null || !features.isArray() || features.isEmpty()) {
          throw new IllegalArgumentException("FeatureCollection has no features");
        }
        for (int i = 0; i < features.size(); i++) {
          parts.add(polygon(features.get(i).get("geometry"), "feature " + i + ": "));
        }
      }
      case "Feature" -> parts.add(polygon(root.get("geometry"), "feature: "));
      default -> parts.add(polygon(root, ""));
    }
    Geometry union = GeoJsonPolygons.FACTORY.buildGeometry(parts).union();
    if (!(union instanceof Polygonal) || union.isEmpty()) {
      throw new IllegalArgumentException("its polygons enclose no area");
    }
    return union;
  }

  private static Geometry polygon(JsonNode geometry, String where) {
    try {
      Geometry polygon = GeoJsonPolygons.parse(geometry);
      return polygon.isValid() ? polygon : repaired(polygon, where);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  private static Geometry repaired(Geometry polygon, String where) {
    Geometry repaired = polygon.buffer(0);
    if (repaired.isEmpty() || !(repaired instanceof Polygonal)) {
      throw new IllegalArgumentException(where + "polygon is invalid and encloses no area");
    }
    return repaired;
  }
}
