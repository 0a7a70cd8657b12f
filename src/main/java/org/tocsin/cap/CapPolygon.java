package org.tocsin.cap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tocsin.geo.GeoPoint;

/**
 * A CAP polygon: a closed ring of at least four points (the first repeated as the last), written
 * {@code "lat,lon lat,lon …"} in WGS84 degrees. CAP has no holes.
 *
 * @param points the ring, first point equal to the last
 */
public record CapPolygon(List<GeoPoint> points) {

  public CapPolygon {
    points = List.copyOf(points);
    if (points.size() < 4) {
      throw new IllegalArgumentException(
          "element 'polygon': needs at least 4 points, was " + points.size());
    }
    GeoPoint first = points.get(0);
    GeoPoint last = points.get(points.size() - 1);
    if (first.latitudeDeg() != last.latitudeDeg() || first.longitudeDeg() != last.longitudeDeg()) {
      throw new IllegalArgumentException(
          "element 'polygon': the first and last points must be the same, were "
              + text(first)
              + " and "
              + text(last));
    }
  }

  /**
   * Parses CAP's {@code "lat,lon lat,lon …"}.
   *
   * @throws IllegalArgumentException naming the rule when a pair is malformed or out of range, or
   *     the ring is not closed
   */
  public static CapPolygon parse(String text) {
    List<GeoPoint> points = new ArrayList<>();
    for (String pair : text.trim().split("\\s+")) {
      try {
        points.add(GeoPoint.parse(pair));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("element 'polygon': " + e.getMessage(), e);
      }
    }
    return new CapPolygon(points);
  }

  /** The ring as CAP writes it: {@code lat,lon} pairs separated by spaces. */
  public String toCap() {
    return points.stream().map(CapPolygon::text).collect(Collectors.joining(" "));
  }

  private static String text(GeoPoint point) {
    return plain(point.latitudeDeg()) + "," + plain(point.longitudeDeg());
  }

  private static String plain(double degrees) {
    return BigDecimal.valueOf(degrees).stripTrailingZeros().toPlainString();
  }
}
