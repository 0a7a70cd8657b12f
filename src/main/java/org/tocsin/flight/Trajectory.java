package org.tocsin.flight;

import java.time.Instant;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * A flight with its whole path kept, so that the state at any instant between launch and impact can
 * be read (for synthetic sensors, plots and checks).
 */
public final class Trajectory {

  private final Flight flight;
  private final List<DenseStep> steps;

  Trajectory(Flight flight, List<DenseStep> steps) {
    this.flight = flight;
    this.steps = List.copyOf(steps);
  }

  public Flight flight() {
    return flight;
  }

  /**
   * The state at an instant within the flight.
   *
   * @throws IllegalArgumentException when the instant is before launch or after impact
   */
  public StateVector stateAt(Instant time) {
    Instant start = flight.initial().time();
    Instant end = flight.impact().state().time();
    if (time.isBefore(start) || time.isAfter(end)) {
      throw new IllegalArgumentException(
          "time must be within the flight [" + start + ", " + end + "], was " + time);
    }
    double atS = Times.secondsBetween(start, time);
    int low = 0;
    int high = steps.size() - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (steps.get(mid).endS() < atS) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    double[] state = new double[6];
    steps.get(low).interpolate(atS, state);
    return new StateVector(
        time,
        new Vector3D(state[0], state[1], state[2]),
        new Vector3D(state[3], state[4], state[5]));
  }
}
