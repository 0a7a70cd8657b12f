package org.tocsin.flight;

/**
 * Closed-form free flight between two points at the same distance r from the centre of a spherical,
 * non-rotating Earth with a point-mass field, in vacuum (Bate, Mueller & White, Fundamentals of
 * Astrodynamics, 1971, chapter 6).
 *
 * <p>With Q = v²r/μ and γ the flight-path angle above the local horizontal, the arc is an ellipse
 * with semi-major axis a = r/(2 − Q) and eccentricity e = √(1 + Q(Q − 2)cos²γ), and the launch
 * point has true anomaly ν₁ with e·sin ν₁ = Q sin γ cos γ and e·cos ν₁ = Q cos²γ − 1. The arc is
 * symmetric about the apogee, so the range angle is ψ = 2(π − ν₁) and the time of flight is
 * 2√(a³/μ)(π − E₁ + e sin E₁), with E₁ the eccentric anomaly of the launch point. Inverse: sin(2γ +
 * ψ/2) = ((2 − Q)/Q) sin(ψ/2) gives the Q that a chosen γ needs for a range angle ψ.
 *
 * <p>For a fixed range both the flight time and the apogee grow monotonically with γ over the arcs
 * that stay above the surface, γ ∈ (0, π/2 − ψ/4): from the grazing arc at orbital speed (γ → 0) to
 * the escape limit (Q → 2). The minimum-energy arc, γ* = π/4 − ψ/4, separates the depressed arcs
 * (below it) from the lofted ones (above it).
 */
final class KeplerianArc {

  private static final int BISECTION_ITERATIONS = 200;

  private KeplerianArc() {}

  /** Range angle ψ (rad) of the arc launched with this speed and flight-path angle. */
  static double rangeAngleRad(
      double radiusM, double speedMps, double flightPathAngleRad, double muM3S2) {
    double q = speedMps * speedMps * radiusM / muM3S2;
    double cos = Math.cos(flightPathAngleRad);
    double trueAnomalyRad = Math.atan2(q * Math.sin(flightPathAngleRad) * cos, q * cos * cos - 1);
    return 2 * (Math.PI - trueAnomalyRad);
  }

  /** Time of flight (s) from launch back to the same radius. */
  static double flightTimeS(
      double radiusM, double speedMps, double flightPathAngleRad, double muM3S2) {
    double q = speedMps * speedMps * radiusM / muM3S2;
    double cos = Math.cos(flightPathAngleRad);
    double eSin = q * Math.sin(flightPathAngleRad) * cos;
    double eCos = q * cos * cos - 1;
    double e = Math.hypot(eSin, eCos);
    double trueAnomalyRad = Math.atan2(eSin, eCos);
    double eccentricAnomalyRad =
        2
            * Math.atan2(
                Math.sqrt(1 - e) * Math.sin(trueAnomalyRad / 2),
                Math.sqrt(1 + e) * Math.cos(trueAnomalyRad / 2));
    double semiMajorAxisM = radiusM / (2 - q);
    return 2
        * Math.sqrt(semiMajorAxisM * semiMajorAxisM * semiMajorAxisM / muM3S2)
        * (Math.PI - eccentricAnomalyRad + e * Math.sin(eccentricAnomalyRad));
  }

  /** Distance of the apogee from the centre (m). */
  static double apogeeRadiusM(
      double radiusM, double speedMps, double flightPathAngleRad, double muM3S2) {
    double q = speedMps * speedMps * radiusM / muM3S2;
    double cos = Math.cos(flightPathAngleRad);
    double e = Math.sqrt(1 + q * (q - 2) * cos * cos);
    return radiusM / (2 - q) * (1 + e);
  }

  /** Launch speed (m/s) that reaches range angle ψ with flight-path angle γ. */
  static double speedForRangeMps(
      double radiusM, double rangeAngleRad, double flightPathAngleRad, double muM3S2) {
    double s = Math.sin(2 * flightPathAngleRad + rangeAngleRad / 2) / Math.sin(rangeAngleRad / 2);
    double q = 2 / (1 + s);
    return Math.sqrt(q * muM3S2 / radiusM);
  }

  /** The steepest flight-path angle (rad) for range angle ψ: the escape limit. */
  static double maxFlightPathAngleRad(double rangeAngleRad) {
    return Math.PI / 2 - rangeAngleRad / 4;
  }

  /** Flight-path angle (rad) of the minimum-energy arc for range angle ψ. */
  static double minimumEnergyAngleRad(double rangeAngleRad) {
    return Math.PI / 4 - rangeAngleRad / 4;
  }

  /** Flight time (s) of the grazing limit, an arc along the surface at orbital speed. */
  static double grazingFlightTimeS(double radiusM, double rangeAngleRad, double muM3S2) {
    return rangeAngleRad * Math.sqrt(radiusM * radiusM * radiusM / muM3S2);
  }

  /** Flight time (s) of the arc over range angle ψ launched at flight-path angle γ. */
  static double flightTimeForAngleS(
      double radiusM, double rangeAngleRad, double flightPathAngleRad, double muM3S2) {
    double speed = speedForRangeMps(radiusM, rangeAngleRad, flightPathAngleRad, muM3S2);
    return flightTimeS(radiusM, speed, flightPathAngleRad, muM3S2);
  }

  /** Apogee radius (m) of the arc over range angle ψ launched at flight-path angle γ. */
  static double apogeeRadiusForAngleM(
      double radiusM, double rangeAngleRad, double flightPathAngleRad, double muM3S2) {
    double speed = speedForRangeMps(radiusM, rangeAngleRad, flightPathAngleRad, muM3S2);
    return apogeeRadiusM(radiusM, speed, flightPathAngleRad, muM3S2);
  }

  /**
   * The flight-path angle (rad) of the arc over ψ that takes the given time, by bisection on the
   * monotonic time of flight; the caller has checked that the time exceeds the grazing limit.
   */
  static double angleForFlightTimeRad(
      double radiusM, double rangeAngleRad, double flightTimeS, double muM3S2) {
    return angleWhere(
        rangeAngleRad,
        gamma -> flightTimeForAngleS(radiusM, rangeAngleRad, gamma, muM3S2),
        flightTimeS);
  }

  /** The flight-path angle (rad) of the arc over ψ that peaks at the given apogee radius. */
  static double angleForApogeeRad(
      double radiusM, double rangeAngleRad, double apogeeRadiusM, double muM3S2) {
    return angleWhere(
        rangeAngleRad,
        gamma -> apogeeRadiusForAngleM(radiusM, rangeAngleRad, gamma, muM3S2),
        apogeeRadiusM);
  }

  /**
   * Bisection over γ ∈ (0, π/2 − ψ/4) for the angle where {@code increasing} reaches {@code
   * target}: flight time and apogee both grow monotonically with γ.
   */
  private static double angleWhere(
      double rangeAngleRad, java.util.function.DoubleUnaryOperator increasing, double target) {
    double low = 0;
    double high = maxFlightPathAngleRad(rangeAngleRad);
    for (int i = 0; i < BISECTION_ITERATIONS && high - low > 1e-15; i++) {
      double mid = 0.5 * (low + high);
      if (increasing.applyAsDouble(mid) < target) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }
}
