package org.tocsin.flight;

/**
 * Equations of motion of an unpowered body in the Earth-fixed, rotating frame.
 *
 * <p>With r and v the position and velocity in ECEF and ω = (0, 0, ω) the Earth's rotation:
 *
 * <pre>
 *   a = g(r) − 2 ω × v − ω × (ω × r) − ½ ρ(h) |v| v / β
 *   g(r) = −μ r / |r|³ − (3/2) J2 μ R² / |r|⁵ · (x(1 − 5z²/|r|²), y(1 − 5z²/|r|²), z(3 − 5z²/|r|²))
 * </pre>
 *
 * <p>The air co-rotates with the Earth, so the ECEF velocity is the velocity relative to the air. ρ
 * is taken at the geodetic height, computed without Vermeille's cube root and arc tangents, as this
 * is the hottest path of every prediction: the height along the geocentric radius, h' = |r| −
 * ab|r|/√(b²ρ² + a²z²) with ρ² = x² + y², exceeds the geodetic height by h'·δ²/2 to first order, δ
 * = e²zρ/|r|² being the angle between the radius and the ellipsoid normal; h = h'(1 − δ²/2) is
 * within a millimetre of the geodetic height below 60 km and 5 mm at 100 km.
 *
 * <p>State layout: x, y, z (m), vx, vy, vz (m/s).
 */
final class BallisticDynamics implements DormandPrince54.Derivatives {

  /** Above this height the atmosphere model has no air, so the height is not even computed. */
  private static final double TOP_OF_ATMOSPHERE_M = 1_000_000;

  private final double muM3S2;
  private final double j2TimesRadiusSquared;
  private final double omegaRadS;
  private final double equatorialRadiusM;
  private final double polarRadiusM;
  private final double eccentricitySquared;
  private final Atmosphere atmosphere;
  private final double halfOverBeta;
  private final boolean withDrag;

  BallisticDynamics(FlightModel model) {
    EarthModel earth = model.earth();
    muM3S2 = earth.muM3S2();
    equatorialRadiusM = earth.ellipsoid().equatorialRadiusM();
    j2TimesRadiusSquared = earth.j2() * equatorialRadiusM * equatorialRadiusM;
    omegaRadS = earth.rotationRateRadS();
    polarRadiusM = earth.ellipsoid().polarRadiusM();
    eccentricitySquared = earth.ellipsoid().eccentricitySquared();
    atmosphere = model.atmosphere();
    halfOverBeta = 0.5 / model.ballisticCoefficientKgM2();
    withDrag = model.drag() == Drag.ATMOSPHERIC;
  }

  @Override
  public void compute(double timeS, double[] s, double[] d) {
    double x = s[0], y = s[1], z = s[2];
    double vx = s[3], vy = s[4], vz = s[5];
    // Two divisions and three square roots in all: the hottest code of every prediction.
    double horizontal2 = x * x + y * y;
    double z2 = z * z;
    double r2 = horizontal2 + z2;
    double inverseR2 = 1 / r2;
    double inverseR = Math.sqrt(inverseR2);
    double r = r2 * inverseR;
    double muOverR3 = muM3S2 * inverseR2 * inverseR;
    double j2Factor = 1.5 * j2TimesRadiusSquared * inverseR2;
    double z2OverR2 = z2 * inverseR2;
    double horizontalFactor = -muOverR3 * (1 + j2Factor * (1 - 5 * z2OverR2));
    double ax = horizontalFactor * x;
    double ay = horizontalFactor * y;
    double az = -muOverR3 * (1 + j2Factor * (3 - 5 * z2OverR2)) * z;

    double w = omegaRadS;
    ax += 2 * w * vy + w * w * x;
    ay += -2 * w * vx + w * w * y;

    if (withDrag && r < equatorialRadiusM + TOP_OF_ATMOSPHERE_M) {
      double a = equatorialRadiusM;
      double b = polarRadiusM;
      double surfaceRadiusM = a * b * r / Math.sqrt(b * b * horizontal2 + a * a * z2);
      double normalAngleSquared =
          eccentricitySquared * eccentricitySquared * z2 * horizontal2 * inverseR2 * inverseR2;
      double heightM = (r - surfaceRadiusM) * (1 - 0.5 * normalAngleSquared);
      double density = atmosphere.densityKgM3(heightM);
      if (density > 0) {
        double speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
        double factor = -halfOverBeta * density * speed;
        ax += factor * vx;
        ay += factor * vy;
        az += factor * vz;
      }
    }
    d[0] = vx;
    d[1] = vy;
    d[2] = vz;
    d[3] = ax;
    d[4] = ay;
    d[5] = az;
  }
}
