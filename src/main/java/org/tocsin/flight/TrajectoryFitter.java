package org.tocsin.flight;

import java.util.Locale;
import java.util.Optional;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;

/**
 * Finds the launch velocity of the ballistic arc that joins a reported launch point and impact
 * point in a reported flight time, or with a reported apogee, under the full flight model.
 *
 * <p>The unknowns are the three launch-velocity components in the launch site's east-north-up
 * frame; the residuals are the impact's east and north offset from the reported point and the error
 * in flight time (or apogee). The first guess is the closed-form Keplerian arc ({@link
 * KeplerianArc}) aimed at where the Earth's rotation will have carried the impact point by the time
 * of impact, converted to the rotating frame; Newton's method with a forward-difference Jacobian
 * and a backtracking line search then converges under J2 and drag, typically in three to six
 * iterations. Both branches converge: the flight time or apogee alone selects the lofted or the
 * depressed arc.
 *
 * <p>A request that no arc can satisfy is refused with {@link InfeasibleTrajectoryException}:
 * flight times below the grazing arc at orbital speed up front, and anything the model cannot reach
 * (drag stops the flattest arcs) after a search for the nearest value that works.
 */
public final class TrajectoryFitter {

  private static final double POSITION_TOLERANCE_M = 0.5;
  private static final double TIME_TOLERANCE_S = 1e-3;
  private static final double APOGEE_TOLERANCE_M = 1;
  private static final double MIN_SEPARATION_M = 1_000;
  private static final int MAX_ITERATIONS = 40;
  private static final int MAX_HALVINGS = 12;
  private static final double DIFFERENCE_STEP_MPS = 0.05;

  /**
   * Where continuation starts, as multiples of the minimum-energy arc's flight time or apogee: that
   * arc first, then ever more lofted ones, which cross the dense air more steeply and so survive
   * drag that defeats the flatter arcs.
   */
  private static final double[] ANCHOR_FACTORS = {1, 1.25, 1.6, 2.2, 3};

  /** Continuation stops when its step is this fraction of the distance it set out to cover. */
  private static final double CONTINUATION_RESOLUTION = 0.002;

  private final FlightModel model;
  private final BallisticPropagator propagator;
  private final Ellipsoid ellipsoid;
  private final KeplerianGuess guess;

  public TrajectoryFitter(FlightModel model) {
    this(model, IntegrationTolerance.DEFAULT);
  }

  public TrajectoryFitter(FlightModel model, IntegrationTolerance tolerance) {
    this.model = model;
    this.propagator = new BallisticPropagator(model, tolerance);
    this.ellipsoid = model.earth().ellipsoid();
    this.guess = new KeplerianGuess(model.earth());
  }

  /**
   * @throws InfeasibleTrajectoryException when no ballistic arc satisfies the request, saying why
   *     and which values would work
   */
  public FittedTrajectory fit(FitRequest request) {
    checkFeasibleInVacuum(request);
    Optional<FittedTrajectory> direct = solve(request, keplerianGuessEnu(request));
    return direct.orElseGet(() -> continueFromMinimumEnergy(request));
  }

  /**
   * Newton's method from a first guess of the launch velocity in the launch site's ENU frame; empty
   * when it does not converge.
   */
  private Optional<FittedTrajectory> solve(FitRequest request, Vector3D firstGuessEnu) {
    LocalFrame launchFrame = ellipsoid.localFrameAt(request.launch());
    LocalFrame targetFrame = ellipsoid.localFrameAt(request.impact().withHeightM(0));
    Vector3D velocityEnu = firstGuessEnu;
    Evaluation current = evaluate(request, launchFrame, targetFrame, velocityEnu);
    if (current == null) {
      return Optional.empty();
    }
    for (int iteration = 0; iteration <= MAX_ITERATIONS; iteration++) {
      if (current.converged()) {
        return Optional.of(result(request, current, iteration));
      }
      RealVector step = newtonStep(request, launchFrame, targetFrame, velocityEnu, current);
      if (step == null) {
        return Optional.empty();
      }
      Evaluation next = null;
      double fraction = 1;
      for (int halving = 0; halving < MAX_HALVINGS && next == null; halving++) {
        Vector3D candidate =
            velocityEnu.add(
                new Vector3D(
                    fraction * step.getEntry(0),
                    fraction * step.getEntry(1),
                    fraction * step.getEntry(2)));
        Evaluation trial = evaluate(request, launchFrame, targetFrame, candidate);
        if (trial != null && trial.merit() < current.merit()) {
          next = trial;
          velocityEnu = candidate;
        }
        fraction /= 2;
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.empty();
  }

  /**
   * When Newton's method does not converge from the Keplerian guess (steep drag near the limits of
   * what the model can fly), walks from the minimum-energy arc, which always converges, toward the
   * requested value, each solution seeding the next. Reaching the request returns its arc; stalling
   * short of it means the request is beyond what the model can fly, and the furthest value reached
   * is the nearest one that works.
   */
  private FittedTrajectory continueFromMinimumEnergy(FitRequest request) {
    boolean byTime = request.constraint() instanceof FitConstraint.FlightTime;
    double requested = constraintValue(request);
    double minimumEnergy =
        byTime ? guess.minimumEnergyFlightTimeS(request) : guess.minimumEnergyApogeeM(request);
    double reached = Double.NaN;
    FittedTrajectory solution = null;
    for (double factor : ANCHOR_FACTORS) {
      FitRequest anchor = withValue(request, factor * minimumEnergy);
      Optional<FittedTrajectory> anchored = solve(anchor, keplerianGuessEnu(anchor));
      if (anchored.isPresent()) {
        solution = anchored.get();
        reached = factor * minimumEnergy;
        break;
      }
    }
    if (solution == null) {
      throw new InfeasibleTrajectoryException(
          describe(request) + "; not even the minimum-energy or lofted arcs reach it");
    }
    double step = requested - reached;
    double smallestStep = Math.abs(step) * CONTINUATION_RESOLUTION;
    while (Math.abs(step) > smallestStep) {
      double candidate =
          Math.abs(step) >= Math.abs(requested - reached) ? requested : reached + step;
      Optional<FittedTrajectory> next =
          solve(withValue(request, candidate), launchVelocityEnu(request, solution));
      if (next.isPresent()) {
        solution = next.get();
        reached = candidate;
        if (candidate == requested) {
          return solution;
        }
        step *= 1.5;
      } else {
        step /= 2;
      }
    }
    boolean tooSmall = requested < reached;
    String reason =
        tooSmall
            ? "the flatter arcs lose too much speed to drag in the atmosphere"
            : "the steeper arcs would have to leave the Earth";
    return failWith(
        String.format(
            Locale.ROOT,
            "%s: %s; %s %s that works is about %s",
            describe(request),
            reason,
            tooSmall ? "the least" : "the most",
            byTime ? "flight time" : "apogee",
            byTime ? seconds(reached) : kilometres(reached)));
  }

  private static FittedTrajectory failWith(String message) {
    throw new InfeasibleTrajectoryException(message);
  }

  private Vector3D launchVelocityEnu(FitRequest request, FittedTrajectory solution) {
    return ellipsoid
        .localFrameAt(request.launch())
        .directionToEnu(solution.initialState().velocityEcefMps());
  }

  private Vector3D keplerianGuessEnu(FitRequest request) {
    return ellipsoid
        .localFrameAt(request.launch())
        .directionToEnu(guess.launchVelocityEcef(request));
  }

  private RealVector newtonStep(
      FitRequest request,
      LocalFrame launchFrame,
      LocalFrame targetFrame,
      Vector3D velocityEnu,
      Evaluation current) {
    Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(3, 3);
    for (int j = 0; j < 3; j++) {
      double[] delta = new double[3];
      delta[j] = DIFFERENCE_STEP_MPS;
      Evaluation perturbed =
          evaluate(request, launchFrame, targetFrame, velocityEnu.add(new Vector3D(delta)));
      if (perturbed == null) {
        return null;
      }
      for (int i = 0; i < 3; i++) {
        jacobian.setEntry(
            i, j, (perturbed.residual()[i] - current.residual()[i]) / DIFFERENCE_STEP_MPS);
      }
    }
    LUDecomposition lu = new LUDecomposition(jacobian, 1e-300);
    if (!lu.getSolver().isNonSingular()) {
      return null;
    }
    return lu.getSolver().solve(new ArrayRealVector(current.residual()).mapMultiply(-1));
  }

  /** Flies a candidate; null when it does not make a flight that comes down. */
  private Evaluation evaluate(
      FitRequest request, LocalFrame launchFrame, LocalFrame targetFrame, Vector3D velocityEnu) {
    StateVector initial =
        new StateVector(
            request.launchTime(),
            launchFrame.originEcefM(),
            launchFrame.directionToEcef(velocityEnu));
    Vector3D position = initial.positionEcefM();
    double inertialSpeedMps =
        initial.velocityEcefMps().add(guess.rotationVelocity(position)).getNorm();
    if (inertialSpeedMps >= Math.sqrt(2 * model.earth().muM3S2() / position.getNorm())) {
      return null; // at or beyond escape speed: not a ballistic arc that comes back
    }
    Flight flight;
    try {
      flight = propagator.propagate(initial);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Vector3D offset = targetFrame.toEnu(flight.impact().state().positionEcefM());
    double constraintError;
    double constraintTolerance;
    if (request.constraint() instanceof FitConstraint.FlightTime flightTime) {
      constraintError = flight.flightTimeS() - flightTime.seconds();
      constraintTolerance = TIME_TOLERANCE_S;
    } else {
      constraintError =
          flight.apogee().heightM() - ((FitConstraint.Apogee) request.constraint()).heightM();
      constraintTolerance = APOGEE_TOLERANCE_M;
    }
    return new Evaluation(
        flight, new double[] {offset.getX(), offset.getY(), constraintError}, constraintTolerance);
  }

  private record Evaluation(Flight flight, double[] residual, double constraintTolerance) {

    boolean converged() {
      return Math.hypot(residual[0], residual[1]) <= POSITION_TOLERANCE_M
          && Math.abs(residual[2]) <= constraintTolerance;
    }

    /** Residuals in units of their tolerances, so that metres and seconds weigh alike. */
    double merit() {
      double east = residual[0] / POSITION_TOLERANCE_M;
      double north = residual[1] / POSITION_TOLERANCE_M;
      double constraint = residual[2] / constraintTolerance;
      return east * east + north * north + constraint * constraint;
    }
  }

  private FittedTrajectory result(FitRequest request, Evaluation evaluation, int iterations) {
    Flight flight = evaluation.flight();
    double missM =
        Geodesics.WGS84.distanceM(flight.impact().point(), request.impact().withHeightM(0));
    StateVector initial = flight.initial();
    Vector3D position = initial.positionEcefM();
    Vector3D inertialVelocity = initial.velocityEcefMps().add(guess.rotationVelocity(position));
    double flightPathAngleRad =
        Math.asin(
            Vector3D.dotProduct(inertialVelocity, position)
                / (inertialVelocity.getNorm() * position.getNorm()));
    double rangeAngleRad = guess.rotatedRangeAngleRad(request, flight.flightTimeS());
    Branch branch =
        flightPathAngleRad > KeplerianArc.minimumEnergyAngleRad(rangeAngleRad)
            ? Branch.LOFTED
            : Branch.DEPRESSED;
    return new FittedTrajectory(flight, branch, missM, iterations);
  }

  private void checkFeasibleInVacuum(FitRequest request) {
    double separationM =
        Geodesics.WGS84.distanceM(request.launch(), request.impact().withHeightM(0));
    if (separationM < MIN_SEPARATION_M) {
      throw new InfeasibleTrajectoryException(
          String.format(
              Locale.ROOT,
              "launch and impact points must be at least %.0f km apart, were %.0f m apart",
              MIN_SEPARATION_M / 1000,
              separationM));
    }
    if (request.constraint() instanceof FitConstraint.FlightTime flightTime) {
      double grazingS = guess.grazingFlightTimeS(request, flightTime.seconds());
      if (flightTime.seconds() <= grazingS) {
        throw new InfeasibleTrajectoryException(
            String.format(
                Locale.ROOT,
                "flight time %.1f s is too short for any ballistic arc over %.1f km: even a"
                    + " grazing arc at orbital speed takes %.1f s; the minimum-energy arc takes"
                    + " about %.0f s",
                flightTime.seconds(),
                separationM / 1000,
                grazingS,
                guess.minimumEnergyFlightTimeS(request)));
      }
      double maxS = BallisticPropagator.MAX_FLIGHT_TIME.getSeconds();
      if (flightTime.seconds() > maxS) {
        throw new InfeasibleTrajectoryException(
            String.format(
                Locale.ROOT,
                "flight time must be at most %.0f s for a sub-orbital arc, was %.1f s",
                maxS,
                flightTime.seconds()));
      }
    }
  }

  private String describe(FitRequest request) {
    boolean byTime = request.constraint() instanceof FitConstraint.FlightTime;
    double requested = constraintValue(request);
    return String.format(
        Locale.ROOT,
        "no ballistic arc with ballistic coefficient %.0f kg/m² joins %s and %s with %s %s",
        model.ballisticCoefficientKgM2(),
        latLon(request.launch()),
        latLon(request.impact()),
        byTime ? "flight time" : "apogee",
        byTime ? seconds(requested) : kilometres(requested));
  }

  private static double constraintValue(FitRequest request) {
    return request.constraint() instanceof FitConstraint.FlightTime flightTime
        ? flightTime.seconds()
        : ((FitConstraint.Apogee) request.constraint()).heightM();
  }

  private static FitRequest withValue(FitRequest request, double value) {
    return request.withConstraint(
        request.constraint() instanceof FitConstraint.FlightTime
            ? new FitConstraint.FlightTime(value)
            : new FitConstraint.Apogee(value));
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.0f s", value);
  }

  private static String kilometres(double valueM) {
    return String.format(Locale.ROOT, "%.0f km", valueM / 1000);
  }

  private static String latLon(GeoPoint point) {
    return String.format(Locale.ROOT, "%.4f,%.4f", point.latitudeDeg(), point.longitudeDeg());
  }
}
