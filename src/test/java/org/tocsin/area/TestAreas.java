package org.tocsin.area;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small GeoJSON documents for the tests, written out so that each test shows its input. */
final class TestAreas {

  private TestAreas() {}

  static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  /** A feature with an {@code id} member and a {@code name} property. */
  static String feature(String id, String geometry) {
    return "{\"type\":\"Feature\",\"id\":\""
        + id
        + "\",\"properties\":{\"name\":\""
        + id
        + "\"},\"geometry\":"
        + geometry
        + "}";
  }

  static String featureWithProperties(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  /** A polygon from rings of lon, lat pairs. */
  static String polygon(double[]... rings) {
    return "{\"type\":\"Polygon\",\"coordinates\":" + rings(rings) + "}";
  }

  static String multiPolygon(String... polygons) {
    return "{\"type\":\"MultiPolygon\",\"coordinates\":[" + String.join(",", polygons) + "]}";
  }

  /** The coordinates member of a polygon, for {@link #multiPolygon}. */
  static String rings(double[]... rings) {
    return Arrays.stream(rings).map(TestAreas::ring).collect(Collectors.joining(",", "[", "]"));
  }

  /** A closed rectangle, counter-clockwise, as one ring of lon, lat pairs. */
  static double[] rectangle(double west, double south, double east, double north) {
    return new double[] {west, south, east, south, east, north, west, north, west, south};
  }

  static String box(double west, double south, double east, double north) {
    return polygon(rectangle(west, south, east, north));
  }

  static AreaSet set(String json) {
    return AreaSets.fromGeoJson("test", stream(json), (String) null);
  }

  static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String ring(double[] lonLat) {
    StringBuilder ring = new StringBuilder("[");
    for (int i = 0; i < lonLat.length; i += 2) {
      ring.append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "[%s,%s]", lonLat[i], lonLat[i + 1]));
    }
    return ring.append(']').toString();
  }
}
