package org.tocsin.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.Trajectory;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.LocalFrame;

class TrackerTest {

  private static final Instant LAUNCH = Instant.parse("2025-01-10T06:00:00Z");
  private static final GeoPoint SITE = new GeoPoint(49.80, 36.05, 150);
  private static final LocalFrame FRAME = Ellipsoid.WGS84.localFrameAt(SITE);

  private static Trajectory truth(GeoPoint from, GeoPoint to, double apogeeM) {
    var fitted =
        new TrajectoryFitter(FlightModel.of(ThreatClass.SRBM))
            .fit(new FitRequest(from, to, LAUNCH, new FitConstraint.Apogee(apogeeM)));
    return new BallisticPropagator(FlightModel.of(ThreatClass.SRBM)).trace(fitted.initialState());
  }

  private static RadarPlot noisyPlot(Trajectory trajectory, Instant time, Random random) {
    RadarMeasurement exact = RadarMeasurement.of(FRAME, trajectory.stateAt(time).positionEcefM());
    return new RadarPlot(
        "radar",
        time,
        SITE,
        new RadarMeasurement(
            exact.rangeM() + 50 * random.nextGaussian(),
            exact.azimuthRad() + 1e-3 * random.nextGaussian(),
            exact.elevationRad() + 1e-3 * random.nextGaussian()),
        50,
        1e-3,
        1e-3);
  }

  @Test
  void aTrackConvergesOnTheTrueStateAndJoinsItsLaunchReport() {
    Trajectory trajectory = truth(GeoPoint.of(50.60, 36.59), GeoPoint.of(49.99, 36.23), 25_000);
    Tracker tracker = new Tracker();
    Random random = new Random(1);
    tracker.process(
        List.of(
            new LaunchDetection(
                "ir",
                LAUNCH.plusSeconds(5),
                GeoPoint.of(50.6, 36.6),
                LAUNCH,
                202,
                3000,
                8,
                ThreatClass.SRBM)));
    Instant end = trajectory.flight().impact().state().time().minusSeconds(20);
    for (Instant t = LAUNCH.plusSeconds(10); t.isBefore(end); t = t.plusSeconds(1)) {
      tracker.process(List.of(noisyPlot(trajectory, t, random)));
    }
    List<TrackedThreat> threats = tracker.threats();
    assertThat(threats).hasSize(1);
    TrackedThreat threat = threats.get(0);
    assertThat(threat.launch()).isPresent();
    assertThat(threat.tracks()).hasSize(1);
    TrackEstimate estimate = threat.tracks().get(0);
    Vector3D truePosition = trajectory.stateAt(estimate.time()).positionEcefM();
    Vector3D trueVelocity = trajectory.stateAt(estimate.time()).velocityEcefMps();
    assertThat(estimate.mean().positionEcefM().distance(truePosition)).isLessThan(150);
    assertThat(estimate.mean().velocityEcefMps().distance(trueVelocity)).isLessThan(20);
    assertThat(estimate.updates()).isGreaterThan(100);
  }

  @Test
  void twoMissilesAlongOneHeadingGetTwoThreats() {
    GeoPoint launch = GeoPoint.of(50.60, 36.59);
    Trajectory first = truth(launch, GeoPoint.of(49.99, 36.23), 25_000);
    Trajectory second = truth(launch, GeoPoint.of(50.30, 36.41), 15_000);
    Random random = new Random(2);
    Tracker tracker = new Tracker();
    Instant secondLaunch = LAUNCH.plusSeconds(20);
    Trajectory delayed =
        new BallisticPropagator(FlightModel.of(ThreatClass.SRBM))
            .trace(
                new org.tocsin.flight.StateVector(
                    secondLaunch,
                    second.flight().initial().positionEcefM(),
                    second.flight().initial().velocityEcefMps()));
    Instant end = delayed.flight().impact().state().time().minusSeconds(5);
    for (Instant t = LAUNCH.plusSeconds(5); t.isBefore(end); t = t.plusSeconds(1)) {
      List<Observation> scan = new java.util.ArrayList<>();
      if (t.isBefore(first.flight().impact().state().time().minusSeconds(2))) {
        scan.add(noisyPlot(first, t, random));
      }
      if (t.isAfter(secondLaunch.plusSeconds(4))) {
        scan.add(noisyPlot(delayed, t, random));
      }
      tracker.process(scan);
    }
    assertThat(tracker.threats()).hasSize(2);
    assertThat(tracker.threats()).allSatisfy(threat -> assertThat(threat.tracks()).hasSize(1));
  }

  /** The same flight launched at another time. */
  private static Trajectory launchedAt(Trajectory trajectory, Instant launch) {
    return new BallisticPropagator(FlightModel.of(ThreatClass.SRBM))
        .trace(
            new org.tocsin.flight.StateVector(
                launch,
                trajectory.flight().initial().positionEcefM(),
                trajectory.flight().initial().velocityEcefMps()));
  }

  private static LaunchDetection launchReport(Instant launch, Instant arrival) {
    return new LaunchDetection(
        "ir", arrival, GeoPoint.of(50.6, 36.6), launch, 202, 3000, 8, ThreatClass.SRBM);
  }

  /** Feeds one plot a second of {@code trajectory} from {@code from} until {@code to}. */
  private static Set<String> follow(
      Tracker tracker, Trajectory trajectory, Instant from, Instant to, Random random) {
    Set<String> changed = new java.util.LinkedHashSet<>();
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
      changed.addAll(tracker.process(List.of(noisyPlot(trajectory, t, random))));
    }
    return changed;
  }

  private static final GeoPoint BELGOROD = GeoPoint.of(50.60, 36.59);
  private static final GeoPoint KHARKIV = GeoPoint.of(49.99, 36.23);

  @Test
  void aLaunchReportArrivingAfterTheRadarTrackIsAdoptedByIt() {
    Trajectory trajectory = truth(BELGOROD, KHARKIV, 25_000);
    Tracker tracker = new Tracker();
    follow(tracker, trajectory, LAUNCH.plusSeconds(10), LAUNCH.plusSeconds(30), new Random(3));
    assertThat(tracker.threats()).extracting(TrackedThreat::id).containsExactly("R1");

    Set<String> changed = tracker.process(List.of(launchReport(LAUNCH, LAUNCH.plusSeconds(31))));

    assertThat(changed).containsExactly("R1");
    assertThat(tracker.threats()).hasSize(1);
    assertThat(tracker.threats().get(0).launch()).isPresent();
  }

  @Test
  void aSalvosTracksGoToTheirOwnLaunchesInLaunchOrder() {
    Trajectory first = truth(BELGOROD, KHARKIV, 25_000);
    Trajectory second = launchedAt(first, LAUNCH.plusSeconds(40));
    Tracker tracker = new Tracker();
    Random random = new Random(4);
    tracker.process(
        List.of(
            launchReport(LAUNCH, LAUNCH.plusSeconds(5)),
            launchReport(LAUNCH.plusSeconds(40), LAUNCH.plusSeconds(45))));
    Instant end = first.flight().impact().state().time().minusSeconds(5);
    for (Instant t = LAUNCH.plusSeconds(10); t.isBefore(end); t = t.plusSeconds(1)) {
      List<Observation> scan = new java.util.ArrayList<>(List.of(noisyPlot(first, t, random)));
      if (t.isAfter(LAUNCH.plusSeconds(50))) {
        scan.add(noisyPlot(second, t, random));
      }
      tracker.process(scan);
    }
    TrackedThreat l1 = tracker.threat("L1").orElseThrow();
    TrackedThreat l2 = tracker.threat("L2").orElseThrow();
    assertThat(tracker.threats()).hasSize(2);
    assertThat(l1.tracks()).hasSize(1);
    assertThat(l2.tracks()).hasSize(1);
    TrackEstimate firstTrack = l1.tracks().get(0);
    TrackEstimate secondTrack = l2.tracks().get(0);
    assertThat(
            firstTrack
                .mean()
                .positionEcefM()
                .distance(first.stateAt(firstTrack.time()).positionEcefM()))
        .isLessThan(500);
    assertThat(
            secondTrack
                .mean()
                .positionEcefM()
                .distance(second.stateAt(secondTrack.time()).positionEcefM()))
        .isLessThan(500);
  }

  /** A plot as exact as validation lets a sensor claim: a millimetre, a microradian. */
  private static RadarPlot finePlot(Instant time, GeoPoint site) {
    return new RadarPlot(
        "radar", time, site, new RadarMeasurement(1, 0, Math.toRadians(-5)), 1e-3, 1e-6, 1e-6);
  }

  @Test
  void plotsOfMicrometrePrecisionAMillisecondApartExtendATrackWithoutBreakingItsFilter() {
    // Found by OutsideInputFuzzTest: a two-fix track of such plots had a covariance too small for
    // the filter's Cholesky factor, and the third plot failed the whole batch. The plots make a
    // track like any other.
    Tracker tracker = new Tracker();
    Instant start = LAUNCH.plusSeconds(60);
    GeoPoint site = new GeoPoint(-90, -180, -500);

    tracker.process(List.of(finePlot(start, new GeoPoint(-89.99999684445999, -180, -500))));
    tracker.process(List.of(finePlot(start.plusMillis(1), site)));
    tracker.process(List.of(finePlot(start.plusMillis(2), site)));
    tracker.process(List.of(finePlot(start.plusMillis(3), site)));

    assertThat(tracker.threats()).singleElement().satisfies(t -> assertThat(t.tracks()).hasSize(1));
    assertThat(tracker.threats().get(0).tracks().get(0).updates()).isEqualTo(4);
  }

  @Test
  void aTrackWithoutAFixForOverAMinuteClaimsNoMoreFixes() {
    Trajectory trajectory = truth(BELGOROD, KHARKIV, 25_000);
    Tracker tracker = new Tracker();
    Random random = new Random(5);
    follow(tracker, trajectory, LAUNCH.plusSeconds(10), LAUNCH.plusSeconds(30), random);
    int updates = tracker.threat("R1").orElseThrow().tracks().get(0).updates();

    // 61 s without a fix: the track has coasted too long to claim the missile's next plots.
    follow(tracker, trajectory, LAUNCH.plusSeconds(91), LAUNCH.plusSeconds(100), random);

    assertThat(tracker.threat("R1").orElseThrow().tracks().get(0).updates()).isEqualTo(updates);
    assertThat(tracker.threats()).hasSize(2);
  }

  @Test
  void aRetiredThreatTakesNoPlotAndTheSameSitesNextMissileIsAThreatOfItsOwn() {
    Trajectory first = truth(BELGOROD, KHARKIV, 25_000);
    Instant later = LAUNCH.plus(java.time.Duration.ofMinutes(23));
    Trajectory second = launchedAt(first, later);
    Tracker tracker = new Tracker();
    Random random = new Random(6);
    tracker.process(List.of(launchReport(LAUNCH, LAUNCH.plusSeconds(5))));
    Instant end = first.flight().impact().state().time().minusSeconds(5);
    follow(tracker, first, LAUNCH.plusSeconds(10), end, random);
    int updates = tracker.threat("L1").orElseThrow().tracks().get(0).updates();

    tracker.retire("L1");
    Set<String> opened = tracker.process(List.of(launchReport(later, later.plusSeconds(5))));
    Set<String> changed =
        follow(tracker, second, later.plusSeconds(10), later.plusSeconds(60), random);

    assertThat(opened).containsExactly("L2");
    assertThat(changed).containsOnly("L2");
    assertThat(tracker.threat("L1").orElseThrow().tracks().get(0).updates()).isEqualTo(updates);
    assertThat(tracker.threat("L2").orElseThrow().tracks()).hasSize(1);
  }

  @Test
  void aLaterLaunchFromTheSameSiteIsNotOwnedByAnEarlierThreatStillInItsCorridor() {
    Trajectory first = truth(BELGOROD, KHARKIV, 25_000);
    Instant later = LAUNCH.plus(java.time.Duration.ofMinutes(23));
    Trajectory second = launchedAt(first, later);
    Tracker tracker = new Tracker();
    // The first missile was never seen by radar: its threat has no track when the second flies.
    tracker.process(List.of(launchReport(LAUNCH, LAUNCH.plusSeconds(5))));
    tracker.process(List.of(launchReport(later, later.plusSeconds(5))));

    follow(tracker, second, later.plusSeconds(10), later.plusSeconds(60), new Random(7));

    assertThat(tracker.threat("L1").orElseThrow().tracks()).isEmpty();
    assertThat(tracker.threat("L2").orElseThrow().tracks()).hasSize(1);
  }

  @Test
  void aSilencedThreatFollowsItsMissileButReportsNoChange() {
    Trajectory trajectory = truth(BELGOROD, KHARKIV, 25_000);
    Tracker tracker = new Tracker();
    Random random = new Random(8);
    tracker.process(List.of(launchReport(LAUNCH, LAUNCH.plusSeconds(5))));
    follow(tracker, trajectory, LAUNCH.plusSeconds(10), LAUNCH.plusSeconds(30), random);
    int updates = tracker.threat("L1").orElseThrow().tracks().get(0).updates();

    tracker.silence("L1");
    Set<String> changed =
        follow(tracker, trajectory, LAUNCH.plusSeconds(30), LAUNCH.plusSeconds(60), random);

    assertThat(changed).isEmpty();
    assertThat(tracker.threats()).hasSize(1);
    assertThat(tracker.threat("L1").orElseThrow().tracks().get(0).updates())
        .isGreaterThan(updates + 20);
  }
}
