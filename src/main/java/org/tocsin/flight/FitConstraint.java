package org.tocsin.flight;

/** What, besides the two end points, a fitted trajectory must match. */
public sealed interface FitConstraint {

  /**
   * The time from launch to impact.
   *
   * @param seconds positive flight time (s)
   */
  record FlightTime(double seconds) implements FitConstraint {
    public FlightTime {
      if (!(seconds > 0) || !Double.isFinite(seconds)) {
        throw new IllegalArgumentException("flight time must be positive, was " + seconds + " s");
      }
    }
  }

  /**
   * The highest point of the arc above the ellipsoid.
   *
   * @param heightM positive apogee height (m)
   */
  record Apogee(double heightM) implements FitConstraint {
    public Apogee {
      if (!(heightM > 0) || !Double.isFinite(heightM)) {
        throw new IllegalArgumentException(
            "apogee must be positive, was " + heightM / 1000 + " km");
      }
    }
  }
}
