package org.tocsin.flight;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.Ellipsoid;

/**
 * The fitter's first guesses and bounds from the closed-form Keplerian arc ({@link KeplerianArc})
 * on a sphere through the launch point, with the Earth's rotation accounted for by aiming at where
 * the rotation will have carried the impact point by the time of impact.
 */
final class KeplerianGuess {

  private final EarthModel earth;
  private final Ellipsoid ellipsoid;

  KeplerianGuess(EarthModel earth) {
    this.earth = earth;
    this.ellipsoid = earth.ellipsoid();
  }

  /** The launch velocity (ECEF, m/s) of the Keplerian arc that meets the request. */
  Vector3D launchVelocityEcef(FitRequest request) {
    return launchVelocityEcef(request, timeGuessS(request));
  }

  /**
   * The Keplerian arc aimed at the impact point's inertial position at impact, as an ECEF launch
   * velocity. For an apogee request the flight time is refined from the arc itself.
   */
  private Vector3D launchVelocityEcef(FitRequest request, double flightTimeS) {
    double mu = earth.muM3S2();
    Vector3D launch = ellipsoid.toEcef(request.launch());
    double radiusM = launch.getNorm();
    Vector3D inertialVelocity = Vector3D.ZERO;
    double timeS = flightTimeS;
    for (int pass = 0; pass < 5; pass++) {
      Vector3D target = rotatedTarget(request, timeS);
      double rangeAngleRad = Vector3D.angle(launch, target);
      double gammaRad =
          request.constraint() instanceof FitConstraint.FlightTime flightTime
              ? KeplerianArc.angleForFlightTimeRad(radiusM, rangeAngleRad, flightTime.seconds(), mu)
              : KeplerianArc.angleForApogeeRad(
                  radiusM,
                  rangeAngleRad,
                  radiusM + ((FitConstraint.Apogee) request.constraint()).heightM(),
                  mu);
      double speedMps = KeplerianArc.speedForRangeMps(radiusM, rangeAngleRad, gammaRad, mu);
      Vector3D up = launch.normalize();
      Vector3D horizontal =
          target.subtract(up.scalarMultiply(Vector3D.dotProduct(up, target))).normalize();
      inertialVelocity =
          new Vector3D(
              speedMps * Math.cos(gammaRad), horizontal, speedMps * Math.sin(gammaRad), up);
      timeS = KeplerianArc.flightTimeS(radiusM, speedMps, gammaRad, mu);
    }
    return inertialVelocity.subtract(rotationVelocity(launch));
  }

  private double timeGuessS(FitRequest request) {
    if (request.constraint() instanceof FitConstraint.FlightTime flightTime) {
      return flightTime.seconds();
    }
    double mu = earth.muM3S2();
    double radiusM = ellipsoid.toEcef(request.launch()).getNorm();
    double rangeAngleRad = rotatedRangeAngleRad(request, 0);
    double apogeeRadiusM = radiusM + ((FitConstraint.Apogee) request.constraint()).heightM();
    double gammaRad = KeplerianArc.angleForApogeeRad(radiusM, rangeAngleRad, apogeeRadiusM, mu);
    return KeplerianArc.flightTimeForAngleS(radiusM, rangeAngleRad, gammaRad, mu);
  }

  /** Where the Earth's rotation has carried the impact point, in the launch instant's axes. */
  private Vector3D rotatedTarget(FitRequest request, double flightTimeS) {
    Vector3D target = ellipsoid.toEcef(request.impact().withHeightM(0));
    double angleRad = earth.rotationRateRadS() * flightTimeS;
    double cos = Math.cos(angleRad);
    double sin = Math.sin(angleRad);
    return new Vector3D(
        cos * target.getX() - sin * target.getY(),
        sin * target.getX() + cos * target.getY(),
        target.getZ());
  }

  double rotatedRangeAngleRad(FitRequest request, double flightTimeS) {
    return Vector3D.angle(ellipsoid.toEcef(request.launch()), rotatedTarget(request, flightTimeS));
  }

  /** ω × r: the velocity of a point fixed to the rotating Earth. */
  Vector3D rotationVelocity(Vector3D positionM) {
    double omega = earth.rotationRateRadS();
    return new Vector3D(-omega * positionM.getY(), omega * positionM.getX(), 0);
  }

  double minimumEnergyFlightTimeS(FitRequest request) {
    double mu = earth.muM3S2();
    double radiusM = ellipsoid.toEcef(request.launch()).getNorm();
    double rangeAngleRad = rotatedRangeAngleRad(request, 0);
    return KeplerianArc.flightTimeForAngleS(
        radiusM, rangeAngleRad, KeplerianArc.minimumEnergyAngleRad(rangeAngleRad), mu);
  }

  double minimumEnergyApogeeM(FitRequest request) {
    double mu = earth.muM3S2();
    double radiusM = ellipsoid.toEcef(request.launch()).getNorm();
    double rangeAngleRad = rotatedRangeAngleRad(request, 0);
    return KeplerianArc.apogeeRadiusForAngleM(
            radiusM, rangeAngleRad, KeplerianArc.minimumEnergyAngleRad(rangeAngleRad), mu)
        - radiusM;
  }

  /** Flight time (s) of the grazing arc at orbital speed over the request's range. */
  double grazingFlightTimeS(FitRequest request, double flightTimeS) {
    double radiusM = ellipsoid.toEcef(request.launch()).getNorm();
    return KeplerianArc.grazingFlightTimeS(
        radiusM, rotatedRangeAngleRad(request, flightTimeS), earth.muM3S2());
  }
}
