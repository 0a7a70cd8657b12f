package org.tocsin.flight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;

/**
 * Propagates an unpowered body under a {@link FlightModel} from a state to its ground impact.
 *
 * <p>Integration is in the Earth-fixed frame ({@link BallisticDynamics}) with the Dormand–Prince
 * 5(4) pair. After each step the geodetic height and the vertical speed are checked: a height that
 * turns negative brackets the impact, a vertical speed that turns negative brackets the apogee;
 * each is then located on the step's continuous extension by the Illinois variant of regula falsi
 * to 1 µs. Thread-safe: every call works on its own integrator.
 */
public final class BallisticPropagator {

  /** Longer than any sub-orbital flight; a state still aloft after this does not come down. */
  public static final Duration MAX_FLIGHT_TIME = Duration.ofHours(6);

  private static final double MAX_STEP_S = 60;
  private static final double FIRST_STEP_S = 1;

  /**
   * A prediction this short is tried as one step first: a filter predicts to the next radar scan,
   * seconds ahead, which one step mostly covers (a fifth fewer evaluations over 2 s than a first
   * step of {@link #FIRST_STEP_S}); longer ones start at {@link #FIRST_STEP_S}, as a step too long
   * for the dense air near the ground costs a rejection.
   */
  private static final double ONE_STEP_PREDICTION_S = 4;

  private static final double EVENT_TIME_TOLERANCE_S = 1e-6;

  private final FlightModel model;
  private final IntegrationTolerance tolerance;

  public BallisticPropagator(FlightModel model) {
    this(model, IntegrationTolerance.DEFAULT);
  }

  public BallisticPropagator(FlightModel model, IntegrationTolerance tolerance) {
    this.model = model;
    this.tolerance = tolerance;
  }

  public FlightModel model() {
    return model;
  }

  /**
   * Flies the state to its impact.
   *
   * @throws IllegalArgumentException when the state is on or below the ground and not climbing
   * @throws NoImpactException when it does not come down within {@link #MAX_FLIGHT_TIME}
   */
  public Flight propagate(StateVector initial) {
    return run(initial, null);
  }

  /** Flies the state to its impact and keeps the whole path. */
  public Trajectory trace(StateVector initial) {
    List<DenseStep> steps = new ArrayList<>();
    Flight flight = run(initial, steps);
    return new Trajectory(flight, steps);
  }

  /**
   * The state at {@code time}, flying through the ground if the body reaches it first (filters
   * predict a few seconds ahead, where a sigma point may graze height 0 without that mattering).
   *
   * @throws IllegalArgumentException when {@code time} is before the state's time
   */
  public StateVector propagateTo(StateVector initial, Instant time) {
    double durationS = Times.secondsBetween(initial.time(), time);
    if (durationS < 0) {
      throw new IllegalArgumentException(
          "can only propagate forward, from " + initial.time() + " to " + time);
    }
    if (durationS == 0) {
      return initial;
    }
    DormandPrince54 integrator = integrator();
    integrator.start(
        0, toArray(initial), durationS <= ONE_STEP_PREDICTION_S ? durationS : FIRST_STEP_S);
    while (integrator.timeS() < durationS) {
      integrator.step();
    }
    double[] at = new double[6];
    integrator.interpolate(durationS, at);
    return toState(time, at);
  }

  private DormandPrince54 integrator() {
    double p = tolerance.positionM();
    double v = tolerance.velocityMps();
    return new DormandPrince54(
        6,
        new BallisticDynamics(model),
        new double[] {p, p, p, v, v, v},
        tolerance.relative(),
        MAX_STEP_S);
  }

  private Flight run(StateVector initial, List<DenseStep> steps) {
    Ellipsoid ellipsoid = model.earth().ellipsoid();
    DormandPrince54 integrator = integrator();
    integrator.start(0, toArray(initial), FIRST_STEP_S);

    double[] heightAndNormal = new double[4];
    double[] state = integrator.state();
    ellipsoid.heightAndNormal(state[0], state[1], state[2], heightAndNormal);
    double previousVerticalMps = verticalSpeedMps(state, heightAndNormal);
    Apogee apogee = new Apogee(initial.time(), ellipsoid.toGeodetic(initial.positionEcefM()));
    // The exact height decides whether a state on the ground may start, as a state made at height
    // 0 and heading down must be refused, not flown for a nanometre.
    double previousHeightM = apogee.heightM();
    double maxFlightS = MAX_FLIGHT_TIME.getSeconds();

    while (true) {
      integrator.step();
      if (steps != null) {
        steps.add(integrator.lastStep());
      }
      state = integrator.state();
      ellipsoid.heightAndNormal(state[0], state[1], state[2], heightAndNormal);
      double heightM = heightAndNormal[0];
      double verticalMps = verticalSpeedMps(state, heightAndNormal);
      if (previousVerticalMps > 0 && verticalMps <= 0) {
        double peakS = highestPointS(integrator, ellipsoid, previousVerticalMps, verticalMps);
        double[] peak = new double[6];
        integrator.interpolate(peakS, peak);
        GeoPoint peakPoint = ellipsoid.toGeodetic(new Vector3D(peak[0], peak[1], peak[2]));
        if (peakPoint.heightM() > apogee.heightM()) {
          apogee = new Apogee(Times.plusSeconds(initial.time(), peakS), peakPoint);
        }
      }
      if (heightM <= 0) {
        if (!(previousHeightM > 0)) {
          throw new IllegalArgumentException(
              "the initial state must be above the ground or climbing away from it, was at "
                  + previousHeightM
                  + " m height");
        }
        double impactS = impactTimeS(integrator, ellipsoid);
        return flight(initial, integrator, ellipsoid, apogee, impactS);
      }
      if (integrator.timeS() > maxFlightS) {
        throw new NoImpactException(
            "the state does not come down within " + MAX_FLIGHT_TIME.toHours() + " hours");
      }
      previousHeightM = heightM;
      previousVerticalMps = verticalMps;
    }
  }

  private Flight flight(
      StateVector initial,
      DormandPrince54 integrator,
      Ellipsoid ellipsoid,
      Apogee apogee,
      double impactS) {
    double[] at = new double[6];
    integrator.interpolate(impactS, at);
    Instant impactTime = Times.plusSeconds(initial.time(), impactS);
    StateVector impactState = toState(impactTime, at);
    GeoPoint impactPoint = ellipsoid.toGeodetic(impactState.positionEcefM()).withHeightM(0);
    double speedMps = impactState.speedMps();
    double downwardMps =
        -Vector3D.dotProduct(
            impactState.velocityEcefMps(), ellipsoid.localFrameAt(impactPoint).up());
    double angleDeg = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, downwardMps / speedMps))));
    double machNumber = speedMps / model.atmosphere().speedOfSoundMps(0);
    Impact impact = new Impact(impactState, impactPoint, speedMps, machNumber, angleDeg);

    return new Flight(initial, apogee, impact);
  }

  private static double impactTimeS(DormandPrince54 integrator, Ellipsoid ellipsoid) {
    double[] at = new double[6];
    DoubleUnaryOperator heightM =
        timeS -> {
          integrator.interpolate(timeS, at);
          return ellipsoid.heightM(at[0], at[1], at[2]);
        };
    double lowS = integrator.previousTimeS();
    double highS = integrator.timeS();
    return IllinoisRoot.find(
        heightM,
        lowS,
        highS,
        heightM.applyAsDouble(lowS),
        heightM.applyAsDouble(highS),
        EVENT_TIME_TOLERANCE_S);
  }

  /**
   * The highest point inside the last step, which began climbing and ended descending: where the
   * vertical speed v · n crosses zero, n being the ellipsoid normal, since the rate of change of
   * the geodetic height is exactly v · n.
   */
  private static double highestPointS(
      DormandPrince54 integrator,
      Ellipsoid ellipsoid,
      double previousVerticalMps,
      double verticalMps) {
    double[] at = new double[6];
    double[] heightAndNormal = new double[4];
    DoubleUnaryOperator verticalSpeed =
        timeS -> {
          integrator.interpolate(timeS, at);
          ellipsoid.heightAndNormal(at[0], at[1], at[2], heightAndNormal);
          return verticalSpeedMps(at, heightAndNormal);
        };
    return IllinoisRoot.find(
        verticalSpeed,
        integrator.previousTimeS(),
        integrator.timeS(),
        previousVerticalMps,
        verticalMps,
        EVENT_TIME_TOLERANCE_S);
  }

  /** v · n, with n the ellipsoid normal held at indexes 1 to 3 of {@code heightAndNormal}. */
  private static double verticalSpeedMps(double[] state, double[] heightAndNormal) {
    return state[3] * heightAndNormal[1]
        + state[4] * heightAndNormal[2]
        + state[5] * heightAndNormal[3];
  }

  private static double[] toArray(StateVector state) {
    Vector3D r = state.positionEcefM();
    Vector3D v = state.velocityEcefMps();
    return new double[] {r.getX(), r.getY(), r.getZ(), v.getX(), v.getY(), v.getZ()};
  }

  private static StateVector toState(Instant time, double[] s) {
    return new StateVector(time, new Vector3D(s[0], s[1], s[2]), new Vector3D(s[3], s[4], s[5]));
  }
}
