package org.tocsin.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.tocsin.area.ImpactSample;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.Trajectory;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.TrackEstimate;
import org.tocsin.track.TrackedThreat;

class FootprintPredictorTest {

  private static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00Z");

  @Test
  void gaussianQuadratureCarriesTheMassAndTheCovariance() {
    GeoPoint origin = GeoPoint.of(48.45, 35.05);
    LocalFrame frame = Ellipsoid.WGS84.localFrameAt(origin);
    double ee = 4e6, en = 1.5e6, nn = 1e6;
    List<ImpactSample> samples =
        FootprintPredictor.gaussianSamples(frame, new double[] {0, 0}, ee, en, nn);
    double mass = samples.stream().mapToDouble(ImpactSample::weight).sum();
    assertThat(mass).isCloseTo(1 - Math.exp(-8), within(1e-12));
    double sEE = 0, sEN = 0, sNN = 0;
    for (ImpactSample sample : samples) {
      Vector3D enu = frame.toEnu(Ellipsoid.WGS84.toEcef(sample.point()));
      sEE += sample.weight() * enu.getX() * enu.getX();
      sEN += sample.weight() * enu.getX() * enu.getY();
      sNN += sample.weight() * enu.getY() * enu.getY();
    }
    // Cell centres sit at mid-ring radii: the second moment comes out within a few per cent.
    assertThat(sEE).isCloseTo(ee, within(0.05 * ee));
    assertThat(sEN).isCloseTo(en, within(0.05 * ee));
    assertThat(sNN).isCloseTo(nn, within(0.05 * nn));
  }

  @Test
  void corridorSpreadsTheClassRangeBandAlongTheHeading() {
    LaunchDetection launch =
        new LaunchDetection(
            "ir",
            LAUNCH.plusSeconds(30),
            GeoPoint.of(45.7, 34.4),
            LAUNCH,
            300,
            3000,
            5,
            ThreatClass.SRBM);
    Footprint corridor = new FootprintPredictor().corridor("L1", launch);
    assertThat(corridor.kind()).isEqualTo(Footprint.Kind.CORRIDOR);
    List<ImpactSample> samples = corridor.samples().get(0);
    assertThat(samples.stream().mapToDouble(ImpactSample::weight).sum()).isCloseTo(1, within(1e-3));
    for (ImpactSample sample : samples) {
      var path = Geodesics.WGS84.inverse(launch.launchPoint(), sample.point());
      assertThat(path.distanceM()).isBetween(60_000.0, 1_000_001.0);
      assertThat(Math.abs(Math.IEEEremainder(path.initialAzimuthDeg() - 300, 360)))
          .isLessThanOrEqualTo(3.5 * 5 + 0.5);
    }
    GeoPoint near = Geodesics.WGS84.direct(launch.launchPoint(), 300, 100_000);
    GeoPoint far = Geodesics.WGS84.direct(launch.launchPoint(), 300, 900_000);
    assertThat(corridor.earliestArrivalAt(near, 0)).isBefore(corridor.earliestArrivalAt(far, 0));
    assertThat(corridor.earliestArrivalAt(near, 0)).isAfter(LAUNCH);
  }

  @Test
  void aConvergedTrackPredictsTheTrueImpact() {
    var fitted =
        new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM))
            .fit(
                new FitRequest(
                    GeoPoint.of(48.58, 45.75),
                    GeoPoint.of(48.44, 35.01),
                    LAUNCH,
                    new FitConstraint.FlightTime(900)));
    Trajectory truth =
        new BallisticPropagator(FlightModel.of(ThreatClass.IRBM)).trace(fitted.initialState());
    Instant now = LAUNCH.plusSeconds(600);
    RealMatrix covariance =
        MatrixUtils.createRealDiagonalMatrix(new double[] {1e4, 1e4, 1e4, 1, 1, 1});
    TrackedThreat threat =
        new TrackedThreat(
            "T1",
            ThreatClass.IRBM,
            Optional.empty(),
            List.of(new TrackEstimate("K1", "T1", truth.stateAt(now), covariance, 0, 100)));
    Footprint footprint = new FootprintPredictor().fromTracks(threat).orElseThrow();
    assertThat(Geodesics.WGS84.distanceM(footprint.meanImpact(), GeoPoint.of(48.44, 35.01)))
        .isLessThan(100);
    assertThat(footprint.meanArrival()).isBetween(LAUNCH.plusSeconds(899), LAUNCH.plusSeconds(901));
    assertThat(footprint.earliestArrival()).isBefore(footprint.meanArrival());
    assertThat(footprint.latestArrival()).isAfter(footprint.meanArrival());
    // 1 m/s of velocity error over 300 s spreads the impact by a few hundred metres
    assertThat(footprint.ellipse().semiMajorM()).isBetween(150.0, 3_000.0);
  }

  @Test
  void anEstimateAlreadyBelowTheGroundGivesNoFootprintRatherThanAnError() {
    GeoPoint below = new GeoPoint(48.44, 35.01, -50);
    var state =
        new org.tocsin.flight.StateVector(
            LAUNCH, Ellipsoid.WGS84.toEcef(below), new Vector3D(0, 0, -100));
    RealMatrix covariance = MatrixUtils.createRealDiagonalMatrix(new double[] {1, 1, 1, 1, 1, 1});
    TrackedThreat threat =
        new TrackedThreat(
            "T1",
            ThreatClass.SRBM,
            Optional.empty(),
            List.of(new TrackEstimate("K1", "T1", state, covariance, 0, 10)));
    assertThat(new FootprintPredictor().fromTracks(threat)).isEmpty();
  }
}
