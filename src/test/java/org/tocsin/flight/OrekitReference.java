package org.tocsin.flight;

import java.time.Instant;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.geometry.euclidean.threed.FieldVector3D;
import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.RotationConvention;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.forces.drag.DragForce;
import org.orekit.forces.drag.IsotropicDrag;
import org.orekit.forces.gravity.J2OnlyPerturbation;
import org.orekit.frames.FieldTransform;
import org.orekit.frames.Frame;
import org.orekit.frames.FramesFactory;
import org.orekit.frames.Transform;
import org.orekit.frames.TransformProvider;
import org.orekit.orbits.CartesianOrbit;
import org.orekit.orbits.OrbitType;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.ToleranceProvider;
import org.orekit.propagation.events.AltitudeDetector;
import org.orekit.propagation.events.handlers.StopOnDecreasing;
import org.orekit.propagation.numerical.NumericalPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.FieldAbsoluteDate;
import org.orekit.utils.PVCoordinates;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;

/**
 * The independent oracle: the same physics as {@link BallisticPropagator}, flown by Orekit's {@link
 * NumericalPropagator}.
 *
 * <p>Design choices, and why:
 *
 * <ul>
 *   <li>Integration is in GCRF (Orekit's root, pseudo-inertial frame), so Coriolis and centrifugal
 *       terms are never written down: they come from the frame change, which is the part of our
 *       model most worth checking independently.
 *   <li>The Earth frame is our own child of GCRF rotating about Z at the model's ω, at angle 0 at
 *       {@link #EPOCH}, which is always the initial date. So no EOP, precession or leap-second data
 *       are needed (offline tests; every date is J2000-based, never UTC), and ECEF and GCRF axes
 *       coincide at launch, where the inertial velocity is v_ecef + ω × r.
 *   <li>Gravity is Orekit's own Newtonian attraction (added by the propagator from the orbit's μ)
 *       plus {@link J2OnlyPerturbation}; drag is {@link DragForce} with {@link IsotropicDrag} (m /
 *       (C_D·A) = β) and an atmosphere that wraps ours, evaluated at the height Orekit's {@link
 *       OneAxisEllipsoid} computes. The air co-rotates with the Earth frame through the interface's
 *       default {@code getVelocity}.
 *   <li>DOP853 (order 8 against our order 5, with its own error estimate and dense output) with
 *       Orekit's default tolerances for a given position tolerance; Cartesian elements, since a
 *       sub-orbital arc makes orbital elements ill-conditioned.
 *   <li>Impact is an {@link AltitudeDetector} at 0 m that stops only when descending: the launch
 *       itself is a crossing of height 0, going up.
 * </ul>
 */
final class OrekitReference {

  /** The initial date of every flight; the Earth frame's rotation angle is 0 here. */
  static final AbsoluteDate EPOCH = AbsoluteDate.J2000_EPOCH;

  private static final double MASS_KG = 1_000;
  private static final double DRAG_COEFFICIENT = 2;
  private static final double MAX_FLIGHT_S = BallisticPropagator.MAX_FLIGHT_TIME.getSeconds();
  private static final double MIN_STEP_S = 1e-6;
  private static final double MAX_STEP_S = 60;
  private static final double EVENT_MAX_CHECK_S = 10;
  private static final double EVENT_THRESHOLD_S = 1e-7;

  /** Where and when the flight reaches height 0 going down. */
  record ReferenceImpact(double flightTimeS, Instant time, GeoPoint point) {}

  private final FlightModel model;
  private final double positionToleranceM;
  private final Frame inertialFrame = FramesFactory.getGCRF();
  private final Frame earthFrame;
  private final OneAxisEllipsoid earth;

  /**
   * @param positionToleranceM the position tolerance (m) that Orekit's tolerance provider turns
   *     into the integrator's absolute and relative tolerances
   */
  OrekitReference(FlightModel model, double positionToleranceM) {
    this.model = model;
    this.positionToleranceM = positionToleranceM;
    earthFrame =
        new Frame(
            inertialFrame,
            new EarthRotation(model.earth().rotationRateRadS()),
            "rotating Earth",
            false);
    Ellipsoid ellipsoid = model.earth().ellipsoid();
    earth = new OneAxisEllipsoid(ellipsoid.equatorialRadiusM(), ellipsoid.flattening(), earthFrame);
  }

  Frame earthFrame() {
    return earthFrame;
  }

  Frame inertialFrame() {
    return inertialFrame;
  }

  /**
   * Flies the state to its impact.
   *
   * @throws IllegalStateException when it does not come down within the propagator's limit
   */
  ReferenceImpact propagate(StateVector initial) {
    PVCoordinates inertial =
        earthFrame
            .getTransformTo(inertialFrame, EPOCH)
            .transformPVCoordinates(
                new PVCoordinates(initial.positionEcefM(), initial.velocityEcefMps()));
    double mu = model.earth().muM3S2();
    CartesianOrbit orbit = new CartesianOrbit(inertial, inertialFrame, EPOCH, mu);
    double[][] tolerances =
        ToleranceProvider.getDefaultToleranceProvider(positionToleranceM)
            .getTolerances(orbit, OrbitType.CARTESIAN);
    DormandPrince853Integrator integrator =
        new DormandPrince853Integrator(MIN_STEP_S, MAX_STEP_S, tolerances[0], tolerances[1]);

    NumericalPropagator propagator =
        new NumericalPropagator(integrator, new FrameAlignedProvider(inertialFrame));
    propagator.setOrbitType(OrbitType.CARTESIAN);
    propagator.setInitialState(new SpacecraftState(orbit).withMass(MASS_KG));
    EarthModel earthModel = model.earth();
    propagator.addForceModel(
        new J2OnlyPerturbation(
            mu, earthModel.ellipsoid().equatorialRadiusM(), earthModel.j2(), earthFrame));
    if (model.drag() == Drag.ATMOSPHERIC) {
      double areaM2 = MASS_KG / (DRAG_COEFFICIENT * model.ballisticCoefficientKgM2());
      propagator.addForceModel(
          new DragForce(new WrappedAtmosphere(), new IsotropicDrag(areaM2, DRAG_COEFFICIENT)));
    }
    propagator.addEventDetector(
        new AltitudeDetector(EVENT_MAX_CHECK_S, EVENT_THRESHOLD_S, 0, earth)
            .withHandler(new StopOnDecreasing()));

    SpacecraftState end = propagator.propagate(EPOCH.shiftedBy(MAX_FLIGHT_S));
    double flightTimeS = end.getDate().durationFrom(EPOCH);
    if (flightTimeS >= MAX_FLIGHT_S) {
      throw new IllegalStateException("no impact within " + MAX_FLIGHT_S + " s");
    }
    GeodeticPoint impact = earth.transform(end.getPosition(earthFrame), earthFrame, end.getDate());
    GeoPoint point =
        GeoPoint.of(Math.toDegrees(impact.getLatitude()), Math.toDegrees(impact.getLongitude()));
    Instant time = initial.time().plusNanos(Math.round(flightTimeS * 1e9));
    return new ReferenceImpact(flightTimeS, time, point);
  }

  /** GCRF to the Earth frame: a rotation by ω·(t − EPOCH) about Z, as Orekit's TIRF does. */
  private record EarthRotation(double omegaRadS) implements TransformProvider {

    @Override
    public Transform getTransform(AbsoluteDate date) {
      double angle = omegaRadS * date.durationFrom(EPOCH);
      return new Transform(
          date,
          new Rotation(Vector3D.PLUS_K, angle, RotationConvention.FRAME_TRANSFORM),
          new Vector3D(0, 0, omegaRadS));
    }

    /** Not needed: only the double-valued propagator is used. */
    @Override
    public <T extends CalculusFieldElement<T>> FieldTransform<T> getTransform(
        FieldAbsoluteDate<T> date) {
      throw new UnsupportedOperationException("field transforms are not needed by the oracle");
    }
  }

  /** Our atmosphere seen by Orekit: density at the ellipsoid height, air fixed in the Earth. */
  private final class WrappedAtmosphere implements org.orekit.models.earth.atmosphere.Atmosphere {

    @Override
    public Frame getFrame() {
      return earthFrame;
    }

    @Override
    public double getDensity(AbsoluteDate date, Vector3D position, Frame frame) {
      double heightM = earth.transform(position, frame, date).getAltitude();
      return model.atmosphere().densityKgM3(heightM);
    }

    /** Not needed: only the double-valued propagator is used. */
    @Override
    public <T extends CalculusFieldElement<T>> T getDensity(
        FieldAbsoluteDate<T> date, FieldVector3D<T> position, Frame frame) {
      throw new UnsupportedOperationException("field densities are not needed by the oracle");
    }
  }
}
