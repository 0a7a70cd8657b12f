package org.tocsin.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
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
}
