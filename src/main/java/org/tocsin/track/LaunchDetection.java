package org.tocsin.track;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * A space-based infrared launch report: where and when a launch happened and the heading of the
 * rising plume, with their uncertainties.
 *
 * @param sensorId the reporting sensor
 * @param time when the report arrives
 * @param launchPoint estimated launch point
 * @param launchTime estimated launch instant
 * @param headingDeg estimated initial heading, degrees clockwise from north, within [0, 360)
 * @param positionSigmaM one-sigma error of the launch point (m), positive
 * @param headingSigmaDeg one-sigma error of the heading (degrees), positive
 * @param threatClass the class the sensor assigns (from burn time and plume), which sets the range
 *     band warned before radar tracks exist
 */
public record LaunchDetection(
    String sensorId,
    Instant time,
    GeoPoint launchPoint,
    Instant launchTime,
    double headingDeg,
    double positionSigmaM,
    double headingSigmaDeg,
    ThreatClass threatClass)
    implements Observation {

  public LaunchDetection {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(launchPoint, "launchPoint");
    Objects.requireNonNull(launchTime, "launchTime");
    Objects.requireNonNull(threatClass, "threatClass");
    if (!(headingDeg >= 0 && headingDeg < 360)) {
      throw new IllegalArgumentException(
          "heading must be within [0, 360) degrees, was " + headingDeg);
    }
    if (!(positionSigmaM > 0) || !(headingSigmaDeg > 0)) {
      throw new IllegalArgumentException(
          "position and heading sigmas must be positive, were "
              + positionSigmaM
              + " m and "
              + headingSigmaDeg
              + " degrees");
    }
    if (launchTime.isAfter(time)) {
      throw new IllegalArgumentException(
          "launch time must not be after the report time, was " + launchTime + " > " + time);
    }
  }

  @Override
  public LaunchDetection shiftedBy(Duration offset) {
    return new LaunchDetection(
        sensorId,
        time.plus(offset),
        launchPoint,
        launchTime.plus(offset),
        headingDeg,
        positionSigmaM,
        headingSigmaDeg,
        threatClass);
  }
}
