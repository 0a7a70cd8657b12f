package org.tocsin.predict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.special.Erf;
import org.tocsin.area.ImpactSample;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.Flight;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.FlightTimes;
import org.tocsin.flight.IntegrationTolerance;
import org.tocsin.flight.StateVector;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.Times;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.TrackEstimate;
import org.tocsin.track.TrackedThreat;

/**
 * Predicts footprints: a corridor from a bare launch report, and the impact distribution of radar
 * tracks.
 *
 * <p>A track's footprint carries the 12 cubature points of its estimate through the full flight
 * model to the ground, at the integration tolerance made for footprints ({@link
 * IntegrationTolerance#FOOTPRINT}: metres at worst, against a spread of at least 100 m); their
 * impact points give the mean and the 2×2 covariance of the impact (the unscented transform), their
 * impact times the arrival window (mean ± 3σ). The spread of a group of re-entry vehicles about its
 * centroid, measured now, is scaled to impact in proportion to the time since launch (the vehicles
 * separate at constant relative velocity) and added. The Gaussian is then written as weighted
 * samples by a polar quadrature: rings 0.5σ apart out to 4σ (beyond which lies 0.03 % of the mass),
 * each ring cut into sectors about 0.5σ long, each sample carrying its cell's exact Gaussian mass.
 *
 * <p>A corridor spreads the class's range band uniformly along the reported heading, with the
 * heading Gaussian (nodes 0.25σ apart out to ±3.5σ) and the range band widened at its near end by
 * twice the launch-point uncertainty.
 */
public final class FootprintPredictor {

  private static final double RING_STEP_SIGMA = 0.5;
  private static final double OUTER_RING_SIGMA = 4.0;
  private static final double HEADING_STEP_SIGMA = 0.25;
  private static final double HEADING_EXTENT_SIGMA = 3.5;
  private static final int CORRIDOR_RANGE_NODES = 200;
  private static final double MIN_RANGE_STEP_M = 5_000;
  private static final double MIN_SIGMA_M = 100;
  private static final double MAX_SPREAD_GROWTH = 10;
  private static final Duration ARRIVAL_MARGIN = Duration.ofSeconds(2);

  /**
   * One-sigma relative error of the ballistic coefficient: the class's value stands for every
   * vehicle of the class, whose real β is not known.
   */
  private static final double BALLISTIC_COEFFICIENT_ERROR = 0.2;

  private final Map<ThreatClass, BallisticPropagator> propagators =
      new EnumMap<>(ThreatClass.class);
  private final Map<ThreatClass, BallisticPropagator[]> perturbedPropagators =
      new EnumMap<>(ThreatClass.class);

  /**
   * Every class's propagators are made here, once: afterwards the predictor only reads its maps, so
   * one predictor may predict several threats' footprints at once on several threads.
   */
  public FootprintPredictor() {
    for (ThreatClass threatClass : ThreatClass.values()) {
      propagators.put(
          threatClass,
          new BallisticPropagator(FlightModel.of(threatClass), IntegrationTolerance.FOOTPRINT));
      perturbedPropagators.put(threatClass, perturbedPair(threatClass));
    }
  }

  /** The corridor warned from a launch report alone. */
  public Footprint corridor(String threatId, LaunchDetection launch) {
    ThreatClass threatClass = launch.threatClass();
    double nearM = Math.max(1_000, threatClass.minRangeKm() * 1000 - 2 * launch.positionSigmaM());
    double farM = threatClass.maxRangeKm() * 1000;
    double stepM = Math.max(MIN_RANGE_STEP_M, (farM - nearM) / CORRIDOR_RANGE_NODES);
    int rangeNodes = (int) Math.floor((farM - nearM) / stepM) + 1;
    int headingNodes = (int) Math.round(HEADING_EXTENT_SIGMA / HEADING_STEP_SIGMA);
    List<ImpactSample> samples = new ArrayList<>();
    for (int k = -headingNodes; k <= headingNodes; k++) {
      double headingWeight =
          normalMass((k - 0.5) * HEADING_STEP_SIGMA, (k + 0.5) * HEADING_STEP_SIGMA);
      double headingDeg = launch.headingDeg() + k * HEADING_STEP_SIGMA * launch.headingSigmaDeg();
      for (int i = 0; i < rangeNodes; i++) {
        GeoPoint point =
            Geodesics.WGS84.direct(launch.launchPoint(), headingDeg, nearM + i * stepM);
        samples.add(new ImpactSample(point, headingWeight / rangeNodes));
      }
    }
    double middleM = (nearM + farM) / 2;
    GeoPoint middle = Geodesics.WGS84.direct(launch.launchPoint(), launch.headingDeg(), middleM);
    ImpactEllipse extent =
        new ImpactEllipse(
            (farM - nearM) / Math.sqrt(12),
            middleM * Math.toRadians(launch.headingSigmaDeg()),
            ((launch.headingDeg() % 180) + 180) % 180);
    Instant launchTime = launch.launchTime();
    return new Footprint(
        threatId,
        launch.time(),
        Footprint.Kind.CORRIDOR,
        middle,
        extent,
        launchTime.plus(Times.ofSeconds(0.7 * FlightTimes.minimumEnergyFlightTimeS(nearM))),
        launchTime.plus(Times.ofSeconds(FlightTimes.minimumEnergyFlightTimeS(middleM))),
        launchTime.plus(Times.ofSeconds(1.5 * FlightTimes.minimumEnergyFlightTimeS(farM))),
        List.of(samples),
        1,
        Optional.of(launch));
  }

  /**
   * The footprint of a threat's radar tracks; empty when none of its tracks can be flown to the
   * ground (an estimate already at or below height 0, at the very end of a flight).
   *
   * @throws IllegalArgumentException when the threat has no track
   */
  public Optional<Footprint> fromTracks(TrackedThreat threat) {
    if (threat.tracks().isEmpty()) {
      throw new IllegalArgumentException("threat " + threat.id() + " has no track yet");
    }
    List<List<ImpactSample>> groups = new ArrayList<>();
    GroupPrediction main = null;
    Instant earliest = null;
    Instant latest = null;
    Instant predictedAt = threat.tracks().get(0).time();
    for (TrackEstimate track : threat.tracks()) {
      Optional<GroupPrediction> prediction = predict(threat, track);
      if (prediction.isEmpty()) {
        continue;
      }
      GroupPrediction group = prediction.get();
      groups.add(group.samples());
      if (main == null || track.updates() > main.updates()) {
        main = group;
      }
      earliest =
          earliest == null || group.earliest().isBefore(earliest) ? group.earliest() : earliest;
      latest = latest == null || group.latest().isAfter(latest) ? group.latest() : latest;
      predictedAt = track.time().isAfter(predictedAt) ? track.time() : predictedAt;
    }
    if (main == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Footprint(
            threat.id(),
            predictedAt,
            Footprint.Kind.TRACK,
            main.meanImpact(),
            main.ellipse(),
            earliest,
            main.meanArrival(),
            latest,
            groups,
            groups.size(),
            threat.launch()));
  }

  private record GroupPrediction(
      GeoPoint meanImpact,
      ImpactEllipse ellipse,
      Instant earliest,
      Instant meanArrival,
      Instant latest,
      List<ImpactSample> samples,
      int updates) {}

  private Optional<GroupPrediction> predict(TrackedThreat threat, TrackEstimate track) {
    BallisticPropagator propagator = propagators.get(threat.threatClass());
    Flight nominal;
    try {
      nominal = propagator.propagate(track.mean());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    LocalFrame frame = Ellipsoid.WGS84.localFrameAt(nominal.impact().point());
    List<double[]> offsets = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (StateVector point : track.cubaturePoints()) {
      try {
        Flight flight = propagator.propagate(point);
        Vector3D enu = frame.toEnu(flight.impact().state().positionEcefM());
        offsets.add(new double[] {enu.getX(), enu.getY()});
        times.add(Times.secondsBetween(track.time(), flight.impact().state().time()));
      } catch (IllegalArgumentException e) {
        // A cubature point that does not come down (an extreme early estimate) is left out.
      }
    }
    if (offsets.size() < 2) {
      return Optional.empty();
    }
    double[] mean = new double[2];
    double meanTimeS = 0;
    for (int i = 0; i < offsets.size(); i++) {
      mean[0] += offsets.get(i)[0] / offsets.size();
      mean[1] += offsets.get(i)[1] / offsets.size();
      meanTimeS += times.get(i) / offsets.size();
    }
    double ee = 0, en = 0, nn = 0, tt = 0;
    for (int i = 0; i < offsets.size(); i++) {
      double de = offsets.get(i)[0] - mean[0];
      double dn = offsets.get(i)[1] - mean[1];
      double dt = times.get(i) - meanTimeS;
      ee += de * de / offsets.size();
      en += de * dn / offsets.size();
      nn += dn * dn / offsets.size();
      tt += dt * dt / offsets.size();
    }
    for (BallisticPropagator perturbed : perturbed(threat.threatClass())) {
      try {
        Flight flight = perturbed.propagate(track.mean());
        Vector3D enu = frame.toEnu(flight.impact().state().positionEcefM());
        double dt =
            Times.secondsBetween(nominal.impact().state().time(), flight.impact().state().time());
        ee += 0.5 * enu.getX() * enu.getX();
        en += 0.5 * enu.getX() * enu.getY();
        nn += 0.5 * enu.getY() * enu.getY();
        tt += 0.5 * dt * dt;
      } catch (IllegalArgumentException e) {
        // As for cubature points: a perturbation that does not come down adds nothing.
      }
    }
    double spread = spreadAtImpactM2(threat, track, meanTimeS) + MIN_SIGMA_M * MIN_SIGMA_M;
    ee += spread;
    nn += spread;
    GeoPoint meanImpact =
        Ellipsoid.WGS84.toGeodetic(frame.toEcef(new Vector3D(mean[0], mean[1], 0))).withHeightM(0);
    double sigmaTimeS = Math.sqrt(tt);
    Instant meanArrival = track.time().plus(Times.ofSeconds(meanTimeS));
    return Optional.of(
        new GroupPrediction(
            meanImpact,
            ImpactEllipse.of(ee, en, nn),
            meanArrival.minus(Times.ofSeconds(3 * sigmaTimeS)).minus(ARRIVAL_MARGIN),
            meanArrival,
            meanArrival.plus(Times.ofSeconds(3 * sigmaTimeS)).plus(ARRIVAL_MARGIN),
            gaussianSamples(frame, mean, ee, en, nn),
            track.updates()));
  }

  /** Flight models with the class's β one sigma lower and higher. */
  private BallisticPropagator[] perturbed(ThreatClass threatClass) {
    return perturbedPropagators.get(threatClass);
  }

  private static BallisticPropagator[] perturbedPair(ThreatClass threatClass) {
    FlightModel nominal = FlightModel.of(threatClass);
    BallisticPropagator[] pair = new BallisticPropagator[2];
    double[] factors = {1 / (1 + BALLISTIC_COEFFICIENT_ERROR), 1 + BALLISTIC_COEFFICIENT_ERROR};
    for (int i = 0; i < 2; i++) {
      pair[i] =
          new BallisticPropagator(
              new FlightModel(
                  nominal.earth(),
                  nominal.atmosphere(),
                  nominal.ballisticCoefficientKgM2() * factors[i],
                  nominal.drag()),
              IntegrationTolerance.FOOTPRINT);
    }
    return pair;
  }

  /** The group's spread now, grown to impact in proportion to the time since launch. */
  private static double spreadAtImpactM2(
      TrackedThreat threat, TrackEstimate track, double secondsToImpact) {
    if (track.spreadVarianceM2() <= 0 || threat.launch().isEmpty()) {
      return Math.max(0, track.spreadVarianceM2());
    }
    double sinceLaunchS = Times.secondsBetween(threat.launch().get().launchTime(), track.time());
    double growth =
        sinceLaunchS <= 0
            ? MAX_SPREAD_GROWTH
            : Math.min(MAX_SPREAD_GROWTH, (sinceLaunchS + secondsToImpact) / sinceLaunchS);
    return track.spreadVarianceM2() * growth * growth;
  }

  /** The polar quadrature of the class comment, in the local frame of the nominal impact. */
  static List<ImpactSample> gaussianSamples(
      LocalFrame frame, double[] mean, double ee, double en, double nn) {
    double l11 = Math.sqrt(ee);
    double l21 = en / l11;
    double l22 = Math.sqrt(Math.max(nn - l21 * l21, 1e-6));
    List<ImpactSample> samples = new ArrayList<>();
    for (double inner = 0; inner < OUTER_RING_SIGMA - 1e-9; inner += RING_STEP_SIGMA) {
      double outer = inner + RING_STEP_SIGMA;
      double mass = Math.exp(-inner * inner / 2) - Math.exp(-outer * outer / 2);
      double radius = inner == 0 ? 0 : (inner + outer) / 2;
      int sectors = inner == 0 ? 1 : (int) Math.ceil(2 * Math.PI * radius / RING_STEP_SIGMA);
      for (int s = 0; s < sectors; s++) {
        double angle = 2 * Math.PI * (s + 0.5) / sectors;
        double u = radius * Math.cos(angle);
        double v = radius * Math.sin(angle);
        double east = mean[0] + l11 * u;
        double north = mean[1] + l21 * u + l22 * v;
        GeoPoint point =
            Ellipsoid.WGS84.toGeodetic(frame.toEcef(new Vector3D(east, north, 0))).withHeightM(0);
        samples.add(new ImpactSample(point, mass / sectors));
      }
    }
    return samples;
  }

  private static double normalMass(double fromSigma, double toSigma) {
    return 0.5 * (Erf.erf(toSigma / Math.sqrt(2)) - Erf.erf(fromSigma / Math.sqrt(2)));
  }
}
