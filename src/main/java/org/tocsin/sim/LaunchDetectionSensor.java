package org.tocsin.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A space-based infrared launch detector ({@code kind: launch-detection}).
 *
 * @param id the sensor's id
 * @param latency how long after a launch its report arrives, positive ({@code latencyS})
 * @param positionSigmaKm one-sigma error of the reported launch point, per axis (km), positive
 * @param headingSigmaDeg one-sigma error of the reported heading (degrees), positive
 */
public record LaunchDetectionSensor(
    String id, Duration latency, double positionSigmaKm, double headingSigmaDeg) implements Sensor {

  public LaunchDetectionSensor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative() || latency.isZero()) {
      throw new IllegalArgumentException("latency must be positive, was " + latency);
    }
    Checks.requirePositive("position sigma (km)", positionSigmaKm);
    Checks.requirePositive("heading sigma (degrees)", headingSigmaDeg);
  }
}
