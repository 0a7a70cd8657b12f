package org.tocsin.flight;

/**
 * A trajectory fitted to a reported flight.
 *
 * @param flight the fitted flight under the full model
 * @param branch lofted or depressed, relative to the Keplerian minimum-energy arc for the range
 * @param missM distance between the fitted and the requested impact point (m)
 * @param iterations Newton iterations used
 */
public record FittedTrajectory(Flight flight, Branch branch, double missM, int iterations) {

  public StateVector initialState() {
    return flight.initial();
  }
}
