package org.tocsin.cap;

import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * A CAP circle: a centre and a radius, written {@code "lat,lon radius"} with the radius in
 * kilometres (CAP 1.2, 3.3.2.2).
 *
 * @param centre the centre, WGS84 degrees
 * @param radiusKm the radius in kilometres, within [0, {@link #MAX_RADIUS_KM}]
 */
public record CapCircle(GeoPoint centre, double radiusKm) {

  /** A circle wider than this warns a continent: refused as a mistake rather than mapped. */
  public static final double MAX_RADIUS_KM = 1_000;

  public CapCircle {
    Objects.requireNonNull(centre, "centre");
    if (!(radiusKm >= 0 && radiusKm <= MAX_RADIUS_KM)) {
      throw new IllegalArgumentException(
          "element 'circle': the radius must be within [0, "
              + (long) MAX_RADIUS_KM
              + "] km, was "
              + radiusKm);
    }
  }

  /**
   * Parses CAP's {@code "lat,lon radius"}.
   *
   * @throws IllegalArgumentException naming the rule when it is malformed or out of range
   */
  public static CapCircle parse(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "element 'circle': must be 'lat,lon radius', was '" + text.trim() + "'");
    }
    try {
      return new CapCircle(GeoPoint.parse(parts[0]), Double.parseDouble(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "element 'circle': the radius must be a number of kilometres, was '" + parts[1] + "'", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().startsWith("element")
              ? e.getMessage()
              : "element 'circle': " + e.getMessage(),
          e);
    }
  }

  /** The circle as CAP writes it: {@code lat,lon radius}. */
  public String toCap() {
    return java.math.BigDecimal.valueOf(centre.latitudeDeg()).stripTrailingZeros().toPlainString()
        + ","
        + java.math.BigDecimal.valueOf(centre.longitudeDeg()).stripTrailingZeros().toPlainString()
        + " "
        + java.math.BigDecimal.valueOf(radiusKm).stripTrailingZeros().toPlainString();
  }
}
