package org.tocsin.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * Shortest paths on an ellipsoid through GeographicLib (Karney, J. Geodesy 87, 2013): accurate to
 * nanometres at any distance, including nearly antipodal points where Vincenty's iteration fails.
 */
public final class Geodesics {

  /** Geodesics on WGS84. */
  public static final Geodesics WGS84 = new Geodesics(Ellipsoid.WGS84);

  private final Geodesic geodesic;

  public Geodesics(Ellipsoid ellipsoid) {
    this.geodesic = new Geodesic(ellipsoid.equatorialRadiusM(), ellipsoid.flattening());
  }

  /** Solves the inverse problem: distance and azimuths from {@code from} to {@code to}. */
  public GeodesicPath inverse(GeoPoint from, GeoPoint to) {
    GeodesicData data =
        geodesic.Inverse(
            from.latitudeDeg(), from.longitudeDeg(), to.latitudeDeg(), to.longitudeDeg());
    return new GeodesicPath(data.s12, data.azi1, data.azi2);
  }

  /** Geodesic distance in metres (heights ignored). */
  public double distanceM(GeoPoint from, GeoPoint to) {
    return inverse(from, to).distanceM();
  }

  /**
   * Solves the direct problem: the point reached from {@code from} along the geodesic that leaves
   * at {@code azimuthDeg} (clockwise from north) after {@code distanceM}, at height 0.
   */
  public GeoPoint direct(GeoPoint from, double azimuthDeg, double distanceM) {
    GeodesicData data =
        geodesic.Direct(from.latitudeDeg(), from.longitudeDeg(), azimuthDeg, distanceM);
    return GeoPoint.of(data.lat2, normalizeLongitudeDeg(data.lon2));
  }

  private static double normalizeLongitudeDeg(double longitudeDeg) {
    double normalized = Math.IEEEremainder(longitudeDeg, 360);
    return normalized == -180 ? 180 : normalized;
  }
}
