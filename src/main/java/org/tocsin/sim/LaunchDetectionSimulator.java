package org.tocsin.sim;

import java.util.List;
import java.util.Random;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.track.LaunchDetection;

/**
 * A synthetic infrared launch detector: one report per threat, {@code latency} after its launch,
 * with the launch point off by a Gaussian error of {@code positionSigmaKm} east and north and the
 * heading (the geodesic azimuth from the launch point to the mean impact point) off by a Gaussian
 * error of {@code headingSigmaDeg}. The launch time is reported exactly.
 */
final class LaunchDetectionSimulator {

  private LaunchDetectionSimulator() {}

  static List<LaunchDetection> observe(
      LaunchDetectionSensor sensor, List<Threat> threats, Random random) {
    return threats.stream().map(threat -> detect(sensor, threat, random)).toList();
  }

  private static LaunchDetection detect(
      LaunchDetectionSensor sensor, Threat threat, Random random) {
    double eastM = random.nextGaussian() * sensor.positionSigmaKm() * 1000;
    double northM = random.nextGaussian() * sensor.positionSigmaKm() * 1000;
    double headingErrorDeg = random.nextGaussian() * sensor.headingSigmaDeg();
    double trueHeadingDeg =
        Geodesics.WGS84.inverse(threat.launchPoint(), threat.impact()).initialAzimuthDeg();
    return new LaunchDetection(
        sensor.id(),
        threat.launchTime().plus(sensor.latency()),
        offset(threat.launchPoint(), eastM, northM),
        threat.launchTime(),
        normalizedDeg(trueHeadingDeg + headingErrorDeg),
        sensor.positionSigmaKm() * 1000,
        sensor.headingSigmaDeg(),
        threat.threatClass());
  }

  private static GeoPoint offset(GeoPoint point, double eastM, double northM) {
    double distanceM = Math.hypot(eastM, northM);
    return distanceM == 0
        ? point
        : Geodesics.WGS84.direct(point, Math.toDegrees(Math.atan2(eastM, northM)), distanceM);
  }

  /** The same direction within [0, 360) degrees. */
  static double normalizedDeg(double degrees) {
    double normalized = degrees % 360;
    if (normalized < 0) {
      normalized += 360;
    }
    return normalized >= 360 ? 0 : normalized;
  }
}
