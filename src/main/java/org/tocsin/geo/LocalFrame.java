package org.tocsin.geo;

import java.util.Objects;
import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * A local east-north-up (ENU) frame: origin at a geodetic point, up along the ellipsoid normal.
 * Converts ECEF positions and directions to ENU and back.
 *
 * <p>The three unit vectors are computed once, when the frame is made: a footprint converts a few
 * hundred samples through one frame, and the sines and cosines of its origin were most of that
 * cost.
 */
public final class LocalFrame {

  private final GeoPoint origin;
  private final Vector3D originEcefM;
  private final Vector3D east;
  private final Vector3D north;
  private final Vector3D up;

  /**
   * @param origin the geodetic origin
   * @param originEcefM the origin in ECEF metres
   */
  public LocalFrame(GeoPoint origin, Vector3D originEcefM) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.originEcefM = Objects.requireNonNull(originEcefM, "originEcefM");
    double sinLat = Math.sin(origin.latitudeRad());
    double cosLat = Math.cos(origin.latitudeRad());
    double sinLon = Math.sin(origin.longitudeRad());
    double cosLon = Math.cos(origin.longitudeRad());
    east = new Vector3D(-sinLon, cosLon, 0);
    north = new Vector3D(-sinLat * cosLon, -sinLat * sinLon, cosLat);
    up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
  }

  /** The geodetic origin. */
  public GeoPoint origin() {
    return origin;
  }

  /** The origin in ECEF metres. */
  public Vector3D originEcefM() {
    return originEcefM;
  }

  /** Unit vector pointing east, in ECEF. */
  public Vector3D east() {
    return east;
  }

  /** Unit vector pointing north, in ECEF. */
  public Vector3D north() {
    return north;
  }

  /** Unit vector along the ellipsoid normal, in ECEF. */
  public Vector3D up() {
    return up;
  }

  /** ENU coordinates (m) of an ECEF position (m). */
  public Vector3D toEnu(Vector3D ecefM) {
    return directionToEnu(ecefM.subtract(originEcefM));
  }

  /** ECEF position (m) of ENU coordinates (m). */
  public Vector3D toEcef(Vector3D enuM) {
    return originEcefM.add(directionToEcef(enuM));
  }

  /** Rotates a free vector (a velocity, a displacement) from ECEF to ENU axes. */
  public Vector3D directionToEnu(Vector3D ecef) {
    return new Vector3D(
        Vector3D.dotProduct(ecef, east),
        Vector3D.dotProduct(ecef, north),
        Vector3D.dotProduct(ecef, up));
  }

  /** Rotates a free vector from ENU to ECEF axes. */
  public Vector3D directionToEcef(Vector3D enu) {
    return new Vector3D(enu.getX(), east, enu.getY(), north, enu.getZ(), up);
  }

  /** Frames are equal when their origins are, as they were when this was a record. */
  @Override
  public boolean equals(Object other) {
    return other instanceof LocalFrame frame
        && origin.equals(frame.origin)
        && originEcefM.equals(frame.originEcefM);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, originEcefM);
  }

  @Override
  public String toString() {
    return "LocalFrame[origin=" + origin + ", originEcefM=" + originEcefM + "]";
  }
}
