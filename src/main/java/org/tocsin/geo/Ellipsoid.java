package org.tocsin.geo;

import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * An ellipsoid of revolution and the conversions between geodetic coordinates and Earth-centred,
 * Earth-fixed (ECEF) Cartesian coordinates on it.
 *
 * <p>ECEF to geodetic is Vermeille's closed form (J. Geodesy 76, 2002, 451–454): exact, with no
 * iteration, for every point outside the ellipsoid's evolute (a few hundred kilometres around the
 * centre), which covers anything that flies. The height and the normal alone, which integrators
 * check after every step, come cheaper from Bowring's formula ({@link #heightAndNormal}). A
 * flattening of 0 gives a sphere, used to check the flight model against closed-form Keplerian
 * arcs.
 *
 * @param equatorialRadiusM semi-major axis in metres
 * @param flattening f = (a − b) / a, within [0, 1)
 */
public record Ellipsoid(double equatorialRadiusM, double flattening) {

  /** WGS84, as used by GPS and by every coordinate Tocsin exchanges. */
  public static final Ellipsoid WGS84 = new Ellipsoid(6_378_137.0, 1 / 298.257223563);

  public Ellipsoid {
    if (!(equatorialRadiusM > 0) || !Double.isFinite(equatorialRadiusM)) {
      throw new IllegalArgumentException(
          "equatorial radius must be positive and finite, was " + equatorialRadiusM);
    }
    if (!(flattening >= 0 && flattening < 1)) {
      throw new IllegalArgumentException("flattening must be within [0, 1), was " + flattening);
    }
  }

  /** A sphere of the given radius. */
  public static Ellipsoid sphere(double radiusM) {
    return new Ellipsoid(radiusM, 0);
  }

  /** First eccentricity squared, e² = f(2 − f). */
  public double eccentricitySquared() {
    return flattening * (2 - flattening);
  }

  public double polarRadiusM() {
    return equatorialRadiusM * (1 - flattening);
  }

  /** ECEF position of a geodetic point, in metres. */
  public Vector3D toEcef(GeoPoint point) {
    double lat = point.latitudeRad();
    double lon = point.longitudeRad();
    double sinLat = Math.sin(lat);
    double cosLat = Math.cos(lat);
    double e2 = eccentricitySquared();
    double primeVerticalRadiusM = equatorialRadiusM / Math.sqrt(1 - e2 * sinLat * sinLat);
    double horizontalM = (primeVerticalRadiusM + point.heightM()) * cosLat;
    return new Vector3D(
        horizontalM * Math.cos(lon),
        horizontalM * Math.sin(lon),
        (primeVerticalRadiusM * (1 - e2) + point.heightM()) * sinLat);
  }

  /** Geodetic coordinates of an ECEF position given in metres. */
  public GeoPoint toGeodetic(Vector3D ecefM) {
    double[] latLonHeight = new double[3];
    toGeodetic(ecefM.getX(), ecefM.getY(), ecefM.getZ(), latLonHeight);
    return new GeoPoint(
        Math.toDegrees(latLonHeight[0]), Math.toDegrees(latLonHeight[1]), latLonHeight[2]);
  }

  /** Height above the ellipsoid (m) of an ECEF position in metres; see {@link #heightAndNormal}. */
  public double heightM(double xM, double yM, double zM) {
    double[] heightAndNormal = new double[4];
    heightAndNormal(xM, yM, zM, heightAndNormal);
    return heightAndNormal[0];
  }

  /**
   * Height above the ellipsoid and the ellipsoid's outward unit normal under an ECEF position, with
   * no trigonometric function and no cube root: what an integrator checks after every step.
   *
   * <p>Bowring's formula (Survey Review 23(181), 1976): from the parametric latitude β, tan β = a·z
   * / (b·p) with p the distance from the axis, one step gives the geodetic latitude, tan φ = (z +
   * e'²·b·sin³β) / (p − e²·a·cos³β). Its sine and cosine come from that ratio by a square root, the
   * longitude's from x and y over p; the normal is (cos φ cos λ, cos φ sin λ, sin φ) and the height
   * p·cos φ + z·sin φ − a·√(1 − e² sin²φ). The latitude is within 1e-8 rad of the exact one from
   * the ground to 40,000 km, and the height, in error only to second order in the latitude, within
   * a tenth of a micrometre (EllipsoidTest compares both with Vermeille's exact conversion).
   *
   * @param out receives the height (m) at index 0 and the normal's x, y, z at indexes 1 to 3
   */
  public void heightAndNormal(double xM, double yM, double zM, double[] out) {
    double a = equatorialRadiusM;
    double oneMinusF = 1 - flattening;
    double b = a * oneMinusF;
    double e2 = eccentricitySquared();
    double horizontalM = Math.sqrt(xM * xM + yM * yM);
    double az = a * zM;
    double bp = b * horizontalM;
    double inverseHypot = 1 / Math.sqrt(az * az + bp * bp);
    double sinBeta = az * inverseHypot;
    double cosBeta = bp * inverseHypot;
    // e'²·b = e²·a / (1 − f), since 1 − e² = (1 − f)².
    double numerator = zM + e2 * a / oneMinusF * sinBeta * sinBeta * sinBeta;
    double denominator = horizontalM - e2 * a * cosBeta * cosBeta * cosBeta;
    double inverseNorm = 1 / Math.sqrt(numerator * numerator + denominator * denominator);
    double sinLat = numerator * inverseNorm;
    double cosLat = denominator * inverseNorm;
    out[0] = horizontalM * cosLat + zM * sinLat - a * Math.sqrt(1 - e2 * sinLat * sinLat);
    if (horizontalM > 0) {
      out[1] = cosLat * xM / horizontalM;
      out[2] = cosLat * yM / horizontalM;
    } else {
      out[1] = cosLat; // on the axis: longitude 0, as atan2(0, 0) gives
      out[2] = 0;
    }
    out[3] = sinLat;
  }

  /**
   * Vermeille's closed form, writing latitude (rad), longitude (rad) and height (m) into {@code
   * out}. Allocation-free for use inside integrators.
   */
  public void toGeodetic(double xM, double yM, double zM, double[] out) {
    double horizontalSquared = xM * xM + yM * yM;
    double k = vermeilleK(horizontalSquared, zM);
    double e2 = eccentricitySquared();
    double d = k * Math.sqrt(horizontalSquared) / (k + e2);
    double dz = Math.sqrt(d * d + zM * zM);
    out[0] = 2 * Math.atan2(zM, d + dz);
    out[1] = Math.atan2(yM, xM);
    out[2] = (k + e2 - 1) / k * dz;
  }

  /** Vermeille's k, from which the height and the latitude follow. */
  private double vermeilleK(double horizontalSquared, double zM) {
    double a = equatorialRadiusM;
    double e2 = eccentricitySquared();
    double e4 = e2 * e2;
    double p = horizontalSquared / (a * a);
    double q = (1 - e2) / (a * a) * zM * zM;
    double r = (p + q - e4) / 6;
    double s = e4 * p * q / (4 * r * r * r);
    double t = Math.cbrt(1 + s + Math.sqrt(s * (2 + s)));
    double u = r * (1 + t + 1 / t);
    double v = Math.sqrt(u * u + e4 * q);
    double w = e2 * (u + v - q) / (2 * v);
    return Math.sqrt(u + v + w * w) - w;
  }

  /** The local east-north-up frame whose origin is the given point. */
  public LocalFrame localFrameAt(GeoPoint origin) {
    return new LocalFrame(origin, toEcef(origin));
  }
}
