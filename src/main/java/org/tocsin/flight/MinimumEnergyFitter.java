package org.tocsin.flight;

import java.time.Instant;
import java.util.Locale;
import org.tocsin.geo.GeoPoint;

/**
 * The minimum-energy arc between a launch point and a target under the full flight model: of all
 * the ballistic arcs that join them, the one that needs the least launch speed relative to the
 * ground (the speed the rocket itself must give).
 *
 * <p>Each candidate is an arc fitted by {@link TrajectoryFitter} to a flight time; a golden-section
 * search over the flight time finds the one of least launch speed. The search spans {@link
 * #LOW_FACTOR} to {@link #HIGH_FACTOR} times the vacuum minimum-energy flight time of the Keplerian
 * arc: drag makes the best arc a little steeper and so a little longer, never outside that span for
 * the ballistic coefficients of the threat classes. Flight times that no arc can fly (the flattest
 * ones, which drag defeats) count as infinitely costly.
 *
 * <p>This is the reference figure: the shelter-time atlas tabulates the same quantity far faster
 * with {@link MinimumEnergyCurve} and is checked against this class.
 */
public final class MinimumEnergyFitter {

  static final double LOW_FACTOR = 0.8;
  static final double HIGH_FACTOR = 1.8;

  /** The flight time is found to this share of itself; the speed is flat near its minimum. */
  private static final double RELATIVE_TIME_TOLERANCE = 2e-4;

  private final TrajectoryFitter fitter;
  private final KeplerianGuess guess;

  public MinimumEnergyFitter(FlightModel model) {
    this.fitter = new TrajectoryFitter(model);
    this.guess = new KeplerianGuess(model.earth());
  }

  /**
   * @throws InfeasibleTrajectoryException when the points are closer than the fitter allows or no
   *     arc within the search span joins them
   */
  public FittedTrajectory fit(GeoPoint launch, GeoPoint target, Instant launchTime) {
    FitRequest probe = new FitRequest(launch, target, launchTime, new FitConstraint.FlightTime(1));
    double keplerianS = guess.minimumEnergyFlightTimeS(probe);
    double bestS =
        GoldenSection.argMax(
            seconds -> -launchSpeedMps(probe, seconds),
            LOW_FACTOR * keplerianS,
            HIGH_FACTOR * keplerianS,
            RELATIVE_TIME_TOLERANCE * keplerianS);
    try {
      return fitter.fit(probe.withConstraint(new FitConstraint.FlightTime(bestS)));
    } catch (InfeasibleTrajectoryException e) {
      throw new InfeasibleTrajectoryException(
          String.format(
              Locale.ROOT,
              "no ballistic arc joins %s and %s with a flight time within %.0f–%.0f s",
              launch,
              target,
              LOW_FACTOR * keplerianS,
              HIGH_FACTOR * keplerianS));
    }
  }

  private double launchSpeedMps(FitRequest probe, double flightTimeS) {
    try {
      return fitter
          .fit(probe.withConstraint(new FitConstraint.FlightTime(flightTimeS)))
          .initialState()
          .speedMps();
    } catch (InfeasibleTrajectoryException e) {
      return Double.POSITIVE_INFINITY;
    }
  }
}
