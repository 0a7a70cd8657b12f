package org.tocsin.flight;

import java.time.Instant;
import java.util.Objects;
import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * Position and velocity of a body at an instant, in the WGS84 Earth-centred, Earth-fixed frame.
 *
 * @param time the instant
 * @param positionEcefM position (m)
 * @param velocityEcefMps velocity relative to the rotating Earth (m/s)
 */
public record StateVector(Instant time, Vector3D positionEcefM, Vector3D velocityEcefMps) {

  public StateVector {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(positionEcefM, "position");
    Objects.requireNonNull(velocityEcefMps, "velocity");
    if (!Double.isFinite(positionEcefM.getNorm()) || !Double.isFinite(velocityEcefMps.getNorm())) {
      throw new IllegalArgumentException("position and velocity must be finite");
    }
  }

  public double speedMps() {
    return velocityEcefMps.getNorm();
  }
}
