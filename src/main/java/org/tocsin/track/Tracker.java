package org.tocsin.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.StateVector;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Opens threats from launch reports and follows them with radar: clusters each scan's plots into
 * fixes, associates fixes with tracks, starts tracks from fixes nobody claims, and assigns each new
 * track to the threat whose launch report explains it.
 *
 * <p>Association is global-nearest-neighbour, every candidate scored in one unit, the squared
 * Mahalanobis distance (χ², three degrees of freedom): a fix goes to the confirmed track with the
 * smallest score inside the 99.9 % gate (16.27). A fix no track claims extends a tentative track: a
 * one-fix track predicts the fix where it was, with an isotropic spread that puts {@link
 * #MAX_SPEED_MPS} on the gate, so the fix must also imply at least {@link #MIN_SPEED_MPS}; two
 * fixes start a filter from their difference, and a third inside its gate confirms it.
 *
 * <p>A confirmed track belongs to the threat whose launch point and reported heading it lies along
 * (within 3.5 σ of the heading plus the launch-point uncertainty) and whose launch time it can have
 * come from (the missile has flown at least {@link #MIN_MEAN_GROUND_SPEED_MPS} on average since
 * {@link #ASCENT} after launch); of several, the earliest launch that has no track yet, since a
 * salvo's missiles come into radar view in launch order; failing that, a new threat is opened for
 * the radar alone.
 *
 * <p>Threats end ({@link #retire}): a retired threat takes no launch report, no new track and no
 * fix, so a missile launched from the same site an hour or two minutes later is a threat of its
 * own. A track that has had no fix for {@link #TRACK_TIMEOUT} coasts no further: it keeps its last
 * estimate but claims no fix.
 *
 * <p>Cost grows with the salvo, not its square: a track is predicted to a scan's time once for all
 * the scan's fixes, and a fix far outside a track's straight-line reach is not scored at all.
 */
public final class Tracker {

  /** The 99.9 % gate of a χ² with three degrees of freedom. */
  private static final double GATE = 16.27;

  private static final Duration MAX_GAP = Duration.ofSeconds(12);
  private static final Duration TRACK_TIMEOUT = Duration.ofSeconds(60);
  private static final double MIN_SPEED_MPS = 50;
  private static final double MAX_SPEED_MPS = 8_000;

  /** A missile may climb about this long before it flies downrange (ascent and boost). */
  private static final Duration ASCENT = Duration.ofSeconds(150);

  /**
   * After {@link #ASCENT}, every ballistic missile covers ground at least this fast on average
   * (m/s): a lofted flight of 800 km in 15 minutes manages 0.9 km/s. A track farther behind its
   * launch than this allows is another, later missile.
   */
  private static final double MIN_MEAN_GROUND_SPEED_MPS = 300;

  /** Straight-line reach beyond which a fix is not scored against a track at all (m). */
  private static final double COARSE_GATE_M = 30_000;

  /** Speeds that tell the classes apart when no launch report names one (m/s). */
  private static final double SRBM_MAX_SPEED_MPS = 2_500;

  private static final double MRBM_MAX_SPEED_MPS = 4_000;
  private static final double IRBM_MAX_SPEED_MPS = 6_500;
  private static final double INITIAL_SPEED_SIGMA_MPS = 60;
  private static final int CONFIRMATION_FIXES = 3;
  private static final double SPREAD_SMOOTHING = 0.2;

  /** Tracks closer than this belong to one missile's vehicles (m). */
  private static final double SAME_MISSILE_M = 30_000;

  private final Map<ThreatClass, CubatureFilter> filters = new EnumMap<>(ThreatClass.class);
  private final PlotClusterer clusterer = new PlotClusterer();
  private final Map<String, Threat> threats = new LinkedHashMap<>();
  private final List<TrackState> tentative = new ArrayList<>();
  private int nextTrack = 1;

  /**
   * Put before every threat id this tracker opens: empty on a single node, whose journal numbers
   * its threats for ever; on a cluster, the shared log's own mark, so that a log made anew (its
   * topic deleted and made again) never opens a threat under an id the shared database has seen.
   */
  private final String threatIdPrefix;

  private int nextLaunchThreat = 1;
  private int nextRadarThreat = 1;

  /**
   * The numbers the next track and threats take: with the threat id prefix, all a tracker that
   * follows nothing carries from its past (see {@link #quiet()}).
   */
  public record Counters(int nextTrack, int nextLaunchThreat, int nextRadarThreat) {
    public Counters {
      if (nextTrack < 1 || nextLaunchThreat < 1 || nextRadarThreat < 1) {
        throw new IllegalArgumentException(
            "counters: must each be at least 1, were "
                + nextTrack
                + ", "
                + nextLaunchThreat
                + ", "
                + nextRadarThreat);
      }
    }
  }

  /** Whether it follows nothing: no threat (not even an ended one kept), no tentative track. */
  public boolean quiet() {
    return threats.isEmpty() && tentative.isEmpty();
  }

  public Counters counters() {
    return new Counters(nextTrack, nextLaunchThreat, nextRadarThreat);
  }

  /**
   * Takes the numbers of a tracker that followed what this one did not: a quiet tracker only.
   *
   * @throws IllegalStateException when this one follows something
   */
  public void resume(Counters counters) {
    if (!quiet()) {
      throw new IllegalStateException("a tracker that follows threats cannot take other numbers");
    }
    nextTrack = counters.nextTrack();
    nextLaunchThreat = counters.nextLaunchThreat();
    nextRadarThreat = counters.nextRadarThreat();
  }

  /** A tracker whose threat ids are {@code L1}, {@code R1}, …. */
  public Tracker() {
    this("");
  }

  /**
   * @param threatIdPrefix put before every threat id: empty, or 1 to 16 lowercase letters and
   *     digits and a hyphen ({@code 3f9a1c2e-})
   */
  public Tracker(String threatIdPrefix) {
    if (!THREAT_ID_PREFIX.matcher(threatIdPrefix).matches()) {
      throw new IllegalArgumentException(
          "threatIdPrefix: must be empty or 1 to 16 of a-z, 0-9 and a hyphen, was '"
              + threatIdPrefix
              + "'");
    }
    this.threatIdPrefix = threatIdPrefix;
  }

  private static final java.util.regex.Pattern THREAT_ID_PREFIX =
      java.util.regex.Pattern.compile("([a-z0-9]{1,16}-)?");

  /** One threat's mutable tracking state. */
  private static final class Threat {
    final String id;
    ThreatClass threatClass;
    LaunchDetection launch;
    final List<TrackState> tracks = new ArrayList<>();
    boolean retired;
    boolean silenced;

    Threat(String id, ThreatClass threatClass, LaunchDetection launch) {
      this.id = id;
      this.threatClass = threatClass;
      this.launch = launch;
    }
  }

  /** One track's mutable filter state. */
  private static final class TrackState {
    final String id;
    final List<PositionFix> fixes = new ArrayList<>();
    CubatureFilter.Estimate estimate;
    ThreatClass threatClass = ThreatClass.IRBM;
    Threat threat;
    double spreadVarianceM2;

    TrackState(String id, PositionFix first) {
      this.id = id;
      fixes.add(first);
    }

    Instant lastTime() {
      return lastFix().time();
    }

    PositionFix lastFix() {
      return fixes.get(fixes.size() - 1);
    }
  }

  /**
   * Takes a batch of reports (those that arrived together) and returns the ids of the threats whose
   * tracking changed: opened, or a track of theirs updated.
   */
  public Set<String> process(List<Observation> batch) {
    Set<String> changed = new LinkedHashSet<>();
    List<RadarPlot> plots = new ArrayList<>();
    for (Observation observation : batch) {
      if (observation instanceof LaunchDetection launch) {
        Threat threat = adoptingThreat(launch).orElseGet(() -> openThreat(launch));
        if (!threat.silenced) {
          changed.add(threat.id);
        }
      } else if (observation instanceof RadarPlot plot) {
        plots.add(plot);
      }
    }
    List<PositionFix> fixes = new ArrayList<>(clusterer.fixes(plots));
    fixes.sort(Comparator.comparing(PositionFix::time).thenComparing(PositionFix::sensorId));
    Map<TrackState, Claim> predictions = new HashMap<>();
    for (PositionFix fix : fixes) {
      Claim claim = associate(fix, predictions);
      if (claim != null) {
        update(claim, fix);
        predictions.remove(claim.track());
        if (!claim.track().threat.silenced) {
          changed.add(claim.track().threat.id);
        }
      } else {
        extendTentative(fix, predictions).ifPresent(threat -> changed.add(threat.id));
      }
    }
    if (!fixes.isEmpty()) {
      prune(fixes.get(fixes.size() - 1).time());
    }
    return changed;
  }

  /**
   * Ends a threat's tracking: it takes no launch report, no new track and no fix any more. Its last
   * estimates stay readable.
   */
  public void retire(String threatId) {
    Threat threat = threats.get(threatId);
    if (threat != null) {
      threat.retired = true;
    }
  }

  /**
   * Forgets a threat that ended a while ago: its tracks and its estimates. Memory stays bounded on
   * a server that runs for weeks; a retired threat takes nothing any more, so nothing is lost.
   */
  public void forget(String threatId) {
    threats.remove(threatId);
  }

  /**
   * Silences a threat that people stood down: its tracks go on taking their missile's fixes, so
   * that they open no new threat, but its tracking is never reported changed again, and it takes no
   * launch report and no new track.
   */
  public void silence(String threatId) {
    Threat threat = threats.get(threatId);
    if (threat != null) {
      threat.silenced = true;
    }
  }

  private Threat openThreat(LaunchDetection launch) {
    String id = threatIdPrefix + "L" + nextLaunchThreat++;
    Threat threat = new Threat(id, launch.threatClass(), launch);
    threats.put(id, threat);
    return threat;
  }

  /**
   * A threat that radar saw before its launch report arrived (space-based reports can lag the radar
   * by a minute) takes the report: the first-opened radar threat whose track lies along the
   * reported heading and was first seen after the reported launch.
   */
  private Optional<Threat> adoptingThreat(LaunchDetection launch) {
    for (Threat threat : threats.values()) {
      if (threat.retired || threat.launch != null || threat.tracks.isEmpty()) {
        continue;
      }
      TrackState track = threat.tracks.get(0);
      GeoPoint ground = Ellipsoid.WGS84.toGeodetic(track.estimate.mean().positionEcefM());
      if (track.fixes.get(0).time().isAfter(launch.launchTime()) && alongHeading(launch, ground)) {
        threat.launch = launch;
        threat.threatClass = launch.threatClass();
        threat.tracks.forEach(t -> t.threatClass = launch.threatClass());
        return Optional.of(threat);
      }
    }
    return Optional.empty();
  }

  /** The current picture of every threat. */
  public List<TrackedThreat> threats() {
    List<TrackedThreat> all = new ArrayList<>();
    for (Threat threat : threats.values()) {
      all.add(snapshot(threat));
    }
    return all;
  }

  public Optional<TrackedThreat> threat(String id) {
    return Optional.ofNullable(threats.get(id)).map(this::snapshot);
  }

  private TrackedThreat snapshot(Threat threat) {
    List<TrackEstimate> estimates = new ArrayList<>();
    for (TrackState track : threat.tracks) {
      estimates.add(
          new TrackEstimate(
              track.id,
              threat.id,
              track.estimate.mean(),
              track.estimate.covariance(),
              track.spreadVarianceM2,
              track.fixes.size()));
    }
    return new TrackedThreat(
        threat.id, threat.threatClass, Optional.ofNullable(threat.launch), estimates);
  }

  /** A track that claims a fix, with its estimate predicted to the fix's time (made once). */
  private record Claim(TrackState track, CubatureFilter.Estimate predicted) {}

  /**
   * The confirmed track that claims a fix, if any.
   *
   * @param predictions tracks already predicted to this scan's time, reused across its fixes
   */
  private Claim associate(PositionFix fix, Map<TrackState, Claim> predictions) {
    Claim best = null;
    double bestScore = GATE;
    for (Threat threat : threats.values()) {
      if (threat.retired) {
        continue;
      }
      for (TrackState track : threat.tracks) {
        if (!fix.time().isAfter(track.lastTime())
            || Duration.between(track.lastTime(), fix.time()).compareTo(TRACK_TIMEOUT) > 0
            || !withinReach(track, fix)) {
          continue;
        }
        Claim claim = predictedOnce(track, fix, predictions);
        double score = CubatureFilter.distanceSquared(claim.predicted(), fix);
        if (score < bestScore) {
          bestScore = score;
          best = claim;
        }
      }
    }
    return best;
  }

  /**
   * A coarse gate that costs no propagation: whether the fix lies within {@link #COARSE_GATE_M}
   * plus five sigmas of position and velocity of where the track would be flying in a straight
   * line, with gravity's drop. A fix the cubature prediction could gate lies well within it.
   */
  private static boolean withinReach(TrackState track, PositionFix fix) {
    StateVector mean = track.estimate.mean();
    double dt = Duration.between(mean.time(), fix.time()).toMillis() / 1000.0;
    Vector3D straight = mean.positionEcefM().add(dt, mean.velocityEcefMps());
    RealMatrix covariance = track.estimate.covariance();
    double positionVariance =
        covariance.getEntry(0, 0) + covariance.getEntry(1, 1) + covariance.getEntry(2, 2);
    double velocityVariance =
        covariance.getEntry(3, 3) + covariance.getEntry(4, 4) + covariance.getEntry(5, 5);
    double reachM =
        COARSE_GATE_M
            + 10 * dt * dt
            + 5 * Math.sqrt(positionVariance + dt * dt * velocityVariance)
            + 5 * Math.sqrt(fix.covarianceM2().getTrace());
    return fix.positionEcefM().distance(straight) <= reachM;
  }

  /** The track predicted to the fix's time, made once for all the fixes of that time. */
  private Claim predictedOnce(
      TrackState track, PositionFix fix, Map<TrackState, Claim> predictions) {
    Claim claim = predictions.get(track);
    if (claim == null || !claim.predicted().mean().time().equals(fix.time())) {
      claim = new Claim(track, predicted(track, fix));
      predictions.put(track, claim);
    }
    return claim;
  }

  private CubatureFilter.Estimate predicted(TrackState track, PositionFix fix) {
    return filter(track.threatClass).predict(track.estimate, fix.time());
  }

  private void update(Claim claim, PositionFix fix) {
    TrackState track = claim.track();
    track.estimate = filter(track.threatClass).update(claim.predicted(), fix);
    track.fixes.add(fix);
    if (fix.plotCount() > 1) {
      track.spreadVarianceM2 =
          (1 - SPREAD_SMOOTHING) * track.spreadVarianceM2
              + SPREAD_SMOOTHING * fix.spreadVarianceM2();
    }
  }

  /**
   * Extends the tentative track that the fix fits best, or starts one from it; returns the threat
   * of a track this confirms. Two-fix tracks are gated coarsely first and predicted once per scan
   * time, as confirmed ones are: early in a salvo, every unclaimed fix meets every young track.
   */
  private Optional<Threat> extendTentative(PositionFix fix, Map<TrackState, Claim> predictions) {
    TrackState best = null;
    CubatureFilter.Estimate bestPredicted = null;
    double bestScore = Double.POSITIVE_INFINITY;
    for (TrackState candidate : tentative) {
      Duration gap = Duration.between(candidate.lastTime(), fix.time());
      if (gap.isNegative() || gap.isZero() || gap.compareTo(MAX_GAP) > 0) {
        continue;
      }
      double score;
      CubatureFilter.Estimate predicted = null;
      if (candidate.estimate == null) {
        score = oneFixScore(candidate.lastFix(), fix);
      } else if (!withinReach(candidate, fix)) {
        continue;
      } else {
        predicted = predictedOnce(candidate, fix, predictions).predicted();
        score = CubatureFilter.distanceSquared(predicted, fix);
      }
      if (score <= GATE && score < bestScore) {
        bestScore = score;
        best = candidate;
        bestPredicted = predicted;
      }
    }
    if (best == null) {
      tentative.add(new TrackState("K" + nextTrack++, fix));
      return Optional.empty();
    }
    if (best.estimate == null) {
      best.estimate = initialEstimate(best.lastFix(), fix);
      best.threatClass = guessClass(best.estimate.mean());
      best.fixes.add(fix);
      return Optional.empty();
    }
    update(new Claim(best, bestPredicted), fix);
    predictions.remove(best);
    if (best.fixes.size() < CONFIRMATION_FIXES) {
      return Optional.empty();
    }
    tentative.remove(best);
    Threat threat = owner(best);
    best.threat = threat;
    if (best.threatClass != threat.threatClass) {
      best.threatClass = threat.threatClass;
    }
    threat.tracks.add(best);
    return Optional.of(threat);
  }

  /**
   * The χ² of a fix against a one-fix track, which predicts it where it was with an isotropic
   * spread that puts a flight at {@link #MAX_SPEED_MPS} on the gate; infinite when the fix implies
   * less than {@link #MIN_SPEED_MPS} (nothing that hovers is a ballistic missile).
   */
  private static double oneFixScore(PositionFix last, PositionFix fix) {
    double seconds = Duration.between(last.time(), fix.time()).toMillis() / 1000.0;
    double distanceM = fix.positionEcefM().distance(last.positionEcefM());
    if (distanceM < MIN_SPEED_MPS * seconds) {
      return Double.POSITIVE_INFINITY;
    }
    double reachM = MAX_SPEED_MPS * seconds;
    double variance =
        reachM * reachM / GATE
            + (last.covarianceM2().getTrace() + fix.covarianceM2().getTrace()) / 3;
    return distanceM * distanceM / variance;
  }

  /** A filter started from two fixes: position from the second, velocity from the difference. */
  private static CubatureFilter.Estimate initialEstimate(PositionFix first, PositionFix second) {
    double dt = Duration.between(first.time(), second.time()).toMillis() / 1000.0;
    Vector3D up = second.positionEcefM().normalize();
    Vector3D velocity =
        second
            .positionEcefM()
            .subtract(first.positionEcefM())
            .scalarMultiply(1 / dt)
            .subtract(up.scalarMultiply(9.8 * dt / 2));
    RealMatrix covariance = MatrixUtils.createRealMatrix(6, 6);
    RealMatrix r1 = first.covarianceM2();
    RealMatrix r2 = second.covarianceM2();
    covariance.setSubMatrix(r2.getData(), 0, 0);
    covariance.setSubMatrix(r2.scalarMultiply(1 / dt).getData(), 0, 3);
    covariance.setSubMatrix(r2.scalarMultiply(1 / dt).getData(), 3, 0);
    RealMatrix velocityCovariance =
        r1.add(r2)
            .scalarMultiply(1 / (dt * dt))
            .add(
                MatrixUtils.createRealIdentityMatrix(3)
                    .scalarMultiply(INITIAL_SPEED_SIGMA_MPS * INITIAL_SPEED_SIGMA_MPS));
    covariance.setSubMatrix(velocityCovariance.getData(), 3, 3);
    return new CubatureFilter.Estimate(
        new StateVector(second.time(), second.positionEcefM(), velocity), covariance);
  }

  /** The threat that a newly confirmed track belongs to; see the class comment. */
  private Threat owner(TrackState track) {
    GeoPoint ground = Ellipsoid.WGS84.toGeodetic(track.estimate.mean().positionEcefM());
    Threat best = null;
    Instant seen = track.fixes.get(0).time();
    for (Threat threat : threats.values()) {
      LaunchDetection launch = threat.launch;
      if (threat.retired
          || threat.silenced
          || launch == null
          || !launch.launchTime().isBefore(seen)) {
        continue;
      }
      if (!alongHeading(launch, ground) || !flownSince(launch, track)) {
        continue;
      }
      if (best == null || isBetterOwner(threat, best)) {
        best = threat;
      }
    }
    if (best != null && !best.tracks.isEmpty() && !nearAnyTrack(best, track)) {
      best = null; // a missile of its own, whose launch report has not arrived yet
    }
    if (best == null) {
      String id = threatIdPrefix + "R" + nextRadarThreat++;
      best = new Threat(id, track.threatClass, null);
      threats.put(id, best);
    }
    return best;
  }

  /**
   * Whether a new track flies with one of the threat's tracks: a second group of the same missile's
   * vehicles rather than another missile along the same heading.
   */
  private static boolean nearAnyTrack(Threat threat, TrackState track) {
    for (TrackState other : threat.tracks) {
      if (other.estimate.mean().positionEcefM().distance(track.estimate.mean().positionEcefM())
          <= SAME_MISSILE_M) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the track can be the missile of this launch: after its ascent, a missile covers at
   * least {@link #MIN_MEAN_GROUND_SPEED_MPS} of ground a second on average, so a track that is
   * nearer its launch point than that allows belongs to a later launch.
   */
  private static boolean flownSince(LaunchDetection launch, TrackState track) {
    PositionFix first = track.fixes.get(0);
    GeoPoint ground = Ellipsoid.WGS84.toGeodetic(first.positionEcefM());
    double sinceAscentS =
        Duration.between(launch.launchTime().plus(ASCENT), first.time()).toMillis() / 1000.0;
    double distanceM =
        Geodesics.WGS84.distanceM(launch.launchPoint(), ground) + 3 * launch.positionSigmaM();
    return distanceM >= MIN_MEAN_GROUND_SPEED_MPS * sinceAscentS;
  }

  private static boolean isBetterOwner(Threat candidate, Threat current) {
    boolean candidateFree = candidate.tracks.isEmpty();
    boolean currentFree = current.tracks.isEmpty();
    if (candidateFree != currentFree) {
      return candidateFree;
    }
    return candidate.launch.launchTime().isBefore(current.launch.launchTime());
  }

  private static boolean alongHeading(LaunchDetection launch, GeoPoint ground) {
    var path = Geodesics.WGS84.inverse(launch.launchPoint(), ground);
    if (path.distanceM() < 3 * launch.positionSigmaM()) {
      return true;
    }
    double offsetDeg =
        Math.abs(Math.IEEEremainder(path.initialAzimuthDeg() - launch.headingDeg(), 360));
    double allowanceDeg =
        3.5 * launch.headingSigmaDeg()
            + Math.toDegrees(Math.atan2(3 * launch.positionSigmaM(), path.distanceM()));
    return offsetDeg <= allowanceDeg;
  }

  private static ThreatClass guessClass(StateVector state) {
    double speed = state.speedMps();
    if (speed < SRBM_MAX_SPEED_MPS) {
      return ThreatClass.SRBM;
    }
    if (speed < MRBM_MAX_SPEED_MPS) {
      return ThreatClass.MRBM;
    }
    return speed < IRBM_MAX_SPEED_MPS ? ThreatClass.IRBM : ThreatClass.ICBM;
  }

  private void prune(Instant now) {
    tentative.removeIf(track -> Duration.between(track.lastTime(), now).compareTo(MAX_GAP) > 0);
    for (Threat threat : threats.values()) {
      Iterator<TrackState> tracks = threat.tracks.iterator();
      while (tracks.hasNext()) {
        TrackState track = tracks.next();
        boolean stale = Duration.between(track.lastTime(), now).compareTo(TRACK_TIMEOUT) > 0;
        if (stale && threat.tracks.size() > 1) {
          tracks.remove();
        }
      }
    }
  }

  private CubatureFilter filter(ThreatClass threatClass) {
    return filters.computeIfAbsent(
        threatClass, c -> new CubatureFilter(new BallisticPropagator(FlightModel.of(c))));
  }
}
