package org.tocsin.predict;

/**
 * The one-sigma ellipse of a predicted impact point on the ground.
 *
 * @param semiMajorM one-sigma semi-major axis (m)
 * @param semiMinorM one-sigma semi-minor axis (m)
 * @param majorAzimuthDeg azimuth of the major axis, degrees clockwise from north, within [0, 180)
 */
public record ImpactEllipse(double semiMajorM, double semiMinorM, double majorAzimuthDeg) {

  /** From a 2×2 east-north covariance (m²). */
  static ImpactEllipse of(double eastEast, double eastNorth, double northNorth) {
    double mean = (eastEast + northNorth) / 2;
    double half = Math.hypot((eastEast - northNorth) / 2, eastNorth);
    double major = Math.sqrt(Math.max(0, mean + half));
    double minor = Math.sqrt(Math.max(0, mean - half));
    double angleFromEastRad = 0.5 * Math.atan2(2 * eastNorth, eastEast - northNorth);
    double azimuthDeg = Math.toDegrees(Math.PI / 2 - angleFromEastRad);
    azimuthDeg = ((azimuthDeg % 180) + 180) % 180;
    return new ImpactEllipse(major, minor, azimuthDeg);
  }
}
