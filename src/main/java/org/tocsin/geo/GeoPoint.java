package org.tocsin.geo;

import java.util.Locale;

/**
 * A point given by geodetic latitude and longitude on an ellipsoid (WGS84 unless said otherwise)
 * and the height above it.
 *
 * @param latitudeDeg geodetic latitude in degrees, within [-90, 90]
 * @param longitudeDeg longitude in degrees, within [-180, 180]
 * @param heightM height above the ellipsoid in metres
 */
public record GeoPoint(double latitudeDeg, double longitudeDeg, double heightM) {

  public GeoPoint {
    requireFinite("latitude", latitudeDeg);
    requireFinite("longitude", longitudeDeg);
    requireFinite("height", heightM);
    if (latitudeDeg < -90 || latitudeDeg > 90) {
      throw new IllegalArgumentException(
          "latitude must be within [-90, 90] degrees, was " + latitudeDeg);
    }
    if (longitudeDeg < -180 || longitudeDeg > 180) {
      throw new IllegalArgumentException(
          "longitude must be within [-180, 180] degrees, was " + longitudeDeg);
    }
  }

  /** A point on the ellipsoid's surface (height 0). */
  public static GeoPoint of(double latitudeDeg, double longitudeDeg) {
    return new GeoPoint(latitudeDeg, longitudeDeg, 0);
  }

  /**
   * Parses {@code "LAT,LON"} in decimal degrees, as people write coordinates.
   *
   * @throws IllegalArgumentException naming the rule when the text is not two numbers in range
   */
  public static GeoPoint parse(String latCommaLon) {
    String[] parts = latCommaLon.trim().split("\\s*,\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "a point must be written LAT,LON in decimal degrees, was '" + latCommaLon + "'");
    }
    try {
      return of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a point must be written LAT,LON in decimal degrees, was '" + latCommaLon + "'", e);
    }
  }

  public GeoPoint withHeightM(double newHeightM) {
    return new GeoPoint(latitudeDeg, longitudeDeg, newHeightM);
  }

  public double latitudeRad() {
    return Math.toRadians(latitudeDeg);
  }

  public double longitudeRad() {
    return Math.toRadians(longitudeDeg);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.5f,%.5f,%.1fm", latitudeDeg, longitudeDeg, heightM);
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
  }
}
