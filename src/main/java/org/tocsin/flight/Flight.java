package org.tocsin.flight;

import java.time.Duration;

/**
 * An unpowered flight from a state to its ground impact.
 *
 * @param initial the state the flight starts from
 * @param apogee the highest point
 * @param impact the ground impact
 */
public record Flight(StateVector initial, Apogee apogee, Impact impact) {

  public Duration flightTime() {
    return Duration.between(initial.time(), impact.state().time());
  }

  /** Flight time in seconds, with nanosecond resolution. */
  public double flightTimeS() {
    return Times.secondsBetween(initial.time(), impact.state().time());
  }
}
