package org.tocsin.geo;

import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * A local east-north-up (ENU) frame: origin at a geodetic point, up along the ellipsoid normal.
 * Converts ECEF positions and directions to ENU and back.
 *
 * @param origin the geodetic origin
 * @param originEcefM the origin in ECEF metres
 */
public record LocalFrame(GeoPoint origin, Vector3D originEcefM) {

  /** Unit vector pointing east, in ECEF. */
  public Vector3D east() {
    double lon = origin.longitudeRad();
    return new Vector3D(-Math.sin(lon), Math.cos(lon), 0);
  }

  /** Unit vector pointing north, in ECEF. */
  public Vector3D north() {
    double lat = origin.latitudeRad();
    double lon = origin.longitudeRad();
    return new Vector3D(
        -Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat));
  }

  /** Unit vector along the ellipsoid normal, in ECEF. */
  public Vector3D up() {
    double lat = origin.latitudeRad();
    double lon = origin.longitudeRad();
    return new Vector3D(
        Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat));
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
        Vector3D.dotProduct(ecef, east()),
        Vector3D.dotProduct(ecef, north()),
        Vector3D.dotProduct(ecef, up()));
  }

  /** Rotates a free vector from ENU to ECEF axes. */
  public Vector3D directionToEcef(Vector3D enu) {
    return new Vector3D(enu.getX(), east(), enu.getY(), north(), enu.getZ(), up());
  }
}
