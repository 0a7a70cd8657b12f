package org.tocsin.flight;

import org.tocsin.geo.Ellipsoid;

/**
 * The Earth as the flight model sees it: its shape, its gravity field to the J2 term, and its
 * rotation.
 *
 * @param ellipsoid the reference ellipsoid; impacts are found at height 0 above it
 * @param muM3S2 gravitational parameter GM (m³/s²)
 * @param j2 unnormalised second zonal harmonic (dimensionless); 0 for a point mass
 * @param rotationRateRadS rotation rate about the Z axis (rad/s); 0 for a non-rotating Earth
 */
public record EarthModel(Ellipsoid ellipsoid, double muM3S2, double j2, double rotationRateRadS) {

  /**
   * WGS84 (NGA.STND.0036, 2014): GM, ω and the ellipsoid; J2 = −√5·C̄20 from the EGM2008 normalised
   * C̄20 = −4.84165143790815e−4.
   */
  public static final EarthModel WGS84 =
      new EarthModel(Ellipsoid.WGS84, 3.986004418e14, 1.082626173852e-3, 7.292115e-5);

  public EarthModel {
    if (!(muM3S2 > 0)) {
      throw new IllegalArgumentException("mu must be positive, was " + muM3S2);
    }
    if (!Double.isFinite(j2) || !Double.isFinite(rotationRateRadS)) {
      throw new IllegalArgumentException("j2 and rotation rate must be finite");
    }
  }

  /**
   * A spherical, non-rotating Earth with a point-mass field: the configuration in which the model
   * must reproduce the closed-form Keplerian arc.
   */
  public static EarthModel sphericalNonRotating(double radiusM, double muM3S2) {
    return new EarthModel(Ellipsoid.sphere(radiusM), muM3S2, 0, 0);
  }
}
