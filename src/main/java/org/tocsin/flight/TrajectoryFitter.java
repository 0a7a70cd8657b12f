package org.tocsin.flight;

import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
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
 * after a search for the nearest value that works. Below, drag stops the flattest arcs. Above, over
 * a given range the flight time and the apogee grow with the launch speed along the lofted branch,
 * so the most that works is that of the fastest arc the model flies: its launch speed just below
 * escape speed (with drag, which takes much of it, the arc still comes back) or, in thin enough
 * air, the speed at which the flight reaches the longest the propagator flies. That arc is found by
 * a continuation in launch speed, and its value named; the old search named wherever Newton's
 * method had first stalled, which depended on the request.
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

  /** The launch speed that the search for the upper limit aims at, as a share of escape speed. */
  private static final double LIMIT_SPEED_SHARE = 1 - 1e-7;

  private static final double SPEED_TOLERANCE_MPS = 1e-3;

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

  /** What the third residual measures: the request's flight time or apogee, or a launch speed. */
  private record Goal(ToDoubleFunction<Flight> error, double tolerance) {}

  private Goal goal(FitRequest request) {
    if (request.constraint() instanceof FitConstraint.FlightTime flightTime) {
      return new Goal(flight -> flight.flightTimeS() - flightTime.seconds(), TIME_TOLERANCE_S);
    }
    double heightM = ((FitConstraint.Apogee) request.constraint()).heightM();
    return new Goal(flight -> flight.apogee().heightM() - heightM, APOGEE_TOLERANCE_M);
  }

  private Goal launchSpeed(double targetMps) {
    return new Goal(flight -> inertialSpeedMps(flight.initial()) - targetMps, SPEED_TOLERANCE_MPS);
  }

  private double inertialSpeedMps(StateVector state) {
    return state.velocityEcefMps().add(guess.rotationVelocity(state.positionEcefM())).getNorm();
  }

  private Optional<FittedTrajectory> solve(FitRequest request, Vector3D firstGuessEnu) {
    return solve(request, goal(request), firstGuessEnu);
  }

  /**
   * Newton's method from a first guess of the launch velocity in the launch site's ENU frame; empty
   * when it does not converge.
   */
  private Optional<FittedTrajectory> solve(FitRequest request, Goal goal, Vector3D firstGuessEnu) {
    LocalFrame launchFrame = ellipsoid.localFrameAt(request.launch());
    LocalFrame targetFrame = ellipsoid.localFrameAt(request.impact().withHeightM(0));
    Vector3D velocityEnu = firstGuessEnu;
    Evaluation current = evaluate(request, goal, launchFrame, targetFrame, velocityEnu);
    if (current == null) {
      return Optional.empty();
    }
    for (int iteration = 0; iteration <= MAX_ITERATIONS; iteration++) {
      if (current.converged()) {
        return Optional.of(result(request, current, iteration));
      }
      RealVector step = newtonStep(request, goal, launchFrame, targetFrame, velocityEnu, current);
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
        Evaluation trial = evaluate(request, goal, launchFrame, targetFrame, candidate);
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
   * requested value, each solution seeding the next. Reaching the request returns its arc. Stalling
   * below a request means drag stops the flatter arcs, and the value reached is the least that
   * works; stalling above hands over to the search for the fastest arc.
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
    Continuation walk = continueTo(request, solution, reached, requested);
    if (walk.reached() == requested) {
      return walk.solution();
    }
    if (requested < walk.reached()) {
      return failWith(
          String.format(
              Locale.ROOT,
              "%s: the flatter arcs lose too much speed to drag in the atmosphere; the least %s"
                  + " that works is about %s",
              describe(request),
              byTime ? "flight time" : "apogee",
              byTime ? seconds(walk.reached()) : kilometres(walk.reached())));
    }
    return beyondTheSteepestArc(request, walk.solution());
  }

  /** Where a continuation got to: the last value solved and its arc. */
  private record Continuation(double reached, FittedTrajectory solution) {}

  /**
   * Walks the request's flight time or apogee from {@code reached} (solved by {@code solution})
   * toward {@code requested}, each solution seeding the next; the step grows after a success and
   * halves after a failure, down to a small share of the distance.
   */
  private Continuation continueTo(
      FitRequest request, FittedTrajectory solution, double reached, double requested) {
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
          break;
        }
        step *= 1.5;
      } else {
        step /= 2;
      }
    }
    return new Continuation(reached, solution);
  }

  /**
   * The request asks for more flight time or apogee than the continuation reached. Over a given
   * range, both grow with the launch speed along the steep (lofted) branch, so the most that works
   * belongs to the fastest arc the model flies: the launch speed must stay below escape speed, and
   * the flight must come down within {@link BallisticPropagator#MAX_FLIGHT_TIME}. That arc is found
   * by a continuation in launch speed toward escape speed; if the request lies below its value
   * after all, the request is reached from it, going down.
   */
  private FittedTrajectory beyondTheSteepestArc(FitRequest request, FittedTrajectory stalled) {
    boolean byTime = request.constraint() instanceof FitConstraint.FlightTime;
    double requested = constraintValue(request);
    FittedTrajectory fastest = fastestArc(request, stalled);
    double limit = byTime ? fastest.flight().flightTimeS() : fastest.flight().apogee().heightM();
    if (requested < limit) {
      Continuation down = continueTo(request, fastest, limit, requested);
      if (down.reached() == requested) {
        return down.solution();
      }
    }
    double maxFlightS = BallisticPropagator.MAX_FLIGHT_TIME.getSeconds();
    boolean timeBound = fastest.flight().flightTimeS() > 0.95 * maxFlightS;
    String reason =
        timeBound
            ? String.format(
                Locale.ROOT,
                "the steeper arcs would fly longer than %d hours, the most the model flies",
                BallisticPropagator.MAX_FLIGHT_TIME.toHours())
            : "the steeper arcs would need a launch speed at or above escape speed";
    return failWith(
        String.format(
            Locale.ROOT,
            "%s: %s; the most %s that works is about %s",
            describe(request),
            reason,
            byTime ? "flight time" : "apogee",
            byTime ? seconds(limit) : kilometres(limit)));
  }

  /**
   * The arc to the request's impact point with the highest launch speed that the model flies: just
   * below escape speed, or as fast as still comes down within the longest flight.
   */
  private FittedTrajectory fastestArc(FitRequest request, FittedTrajectory from) {
    Vector3D launch = from.initialState().positionEcefM();
    double targetMps = LIMIT_SPEED_SHARE * Math.sqrt(2 * model.earth().muM3S2() / launch.getNorm());
    double reached = inertialSpeedMps(from.initialState());
    FittedTrajectory solution = from;
    double step = targetMps - reached;
    double smallestStep = Math.max(SPEED_TOLERANCE_MPS, Math.abs(step) * 1e-5);
    while (Math.abs(step) > smallestStep) {
      double candidate = step >= targetMps - reached ? targetMps : reached + step;
      Optional<FittedTrajectory> next =
          solve(request, launchSpeed(candidate), launchVelocityEnu(request, solution));
      if (next.isPresent()) {
        solution = next.get();
        reached = candidate;
        if (candidate == targetMps) {
          break;
        }
        step *= 1.5;
      } else {
        step /= 2;
      }
    }
    return solution;
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

  /**
   * A Newton step from a forward-difference Jacobian. Each difference step points toward a lower
   * inertial launch speed, so that next to the escape speed (the upper limit of what the model
   * flies) the perturbed arcs are still arcs that come down.
   */
  private RealVector newtonStep(
      FitRequest request,
      Goal goal,
      LocalFrame launchFrame,
      LocalFrame targetFrame,
      Vector3D velocityEnu,
      Evaluation current) {
    Vector3D inertialEnu =
        velocityEnu.add(
            launchFrame.directionToEnu(guess.rotationVelocity(launchFrame.originEcefM())));
    double[] inertial = inertialEnu.toArray();
    Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(3, 3);
    for (int j = 0; j < 3; j++) {
      double[] delta = new double[3];
      delta[j] = inertial[j] > 0 ? -DIFFERENCE_STEP_MPS : DIFFERENCE_STEP_MPS;
      Evaluation perturbed =
          evaluate(request, goal, launchFrame, targetFrame, velocityEnu.add(new Vector3D(delta)));
      if (perturbed == null) {
        return null;
      }
      for (int i = 0; i < 3; i++) {
        jacobian.setEntry(i, j, (perturbed.residual()[i] - current.residual()[i]) / delta[j]);
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
      FitRequest request,
      Goal goal,
      LocalFrame launchFrame,
      LocalFrame targetFrame,
      Vector3D velocityEnu) {
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
    return new Evaluation(
        flight,
        new double[] {offset.getX(), offset.getY(), goal.error().applyAsDouble(flight)},
        goal.tolerance());
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
