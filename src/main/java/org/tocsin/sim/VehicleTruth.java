package org.tocsin.sim;

import java.time.Instant;
import java.util.Objects;
import org.tocsin.flight.Trajectory;
import org.tocsin.geo.GeoPoint;

/**
 * What really happens to one reentry vehicle in a simulation; known to the simulator and its
 * report, never to the pipeline.
 *
 * @param threatId the threat it belongs to
 * @param vehicleIndex its index within the threat, from 0
 * @param trajectory its whole flight, from launch to impact
 */
public record VehicleTruth(String threatId, int vehicleIndex, Trajectory trajectory) {

  public VehicleTruth {
    Objects.requireNonNull(threatId, "threatId");
    Objects.requireNonNull(trajectory, "trajectory");
    if (vehicleIndex < 0) {
      throw new IllegalArgumentException("vehicle index must not be negative, was " + vehicleIndex);
    }
  }

  public Instant launchTime() {
    return trajectory.flight().initial().time();
  }

  /** Where it comes down (height 0). */
  public GeoPoint impactPoint() {
    return trajectory.flight().impact().point();
  }

  public Instant impactTime() {
    return trajectory.flight().impact().state().time();
  }
}
