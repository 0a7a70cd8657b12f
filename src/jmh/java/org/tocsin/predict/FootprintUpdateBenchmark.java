package org.tocsin.predict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hipparchus.linear.MatrixUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.DecisionEngine;
import org.tocsin.alert.Policy;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.Trajectory;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.TrackEstimate;
import org.tocsin.track.TrackedThreat;

/**
 * One footprint update for one threat: the Dnipro flight tracked at a given time after launch (100
 * m and 5 m/s one-sigma, typical of the radar track), its footprint propagated to the ground, and
 * the decision over the 1,769 hromadas that follows.
 *
 * <p>Run: {@code ./mvnw -B -Pbench clean verify -DskipTests -Djmh.args="FootprintUpdateBenchmark"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class FootprintUpdateBenchmark {

  private static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00Z");

  /** Seconds after launch: early (long propagations), midcourse, terminal. */
  @Param({"100", "450", "850"})
  public int secondsAfterLaunch;

  private final FootprintPredictor predictor = new FootprintPredictor();
  private AreaSet hromadas;
  private TrackedThreat threat;
  private Instant now;

  @Setup(Level.Trial)
  public void setUp() {
    hromadas = AreaSets.bundled("ua-hromadas");
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
    now = LAUNCH.plusSeconds(secondsAfterLaunch);
    var covariance = MatrixUtils.createRealDiagonalMatrix(new double[] {1e4, 1e4, 1e4, 25, 25, 25});
    threat =
        new TrackedThreat(
            "T1",
            ThreatClass.IRBM,
            Optional.empty(),
            List.of(new TrackEstimate("K1", "T1", truth.stateAt(now), covariance, 0, 50)));
  }

  @Benchmark
  public Footprint footprint() {
    return predictor.fromTracks(threat).orElseThrow();
  }

  @Benchmark
  public Optional<AlertEvent> footprintAndDecision() {
    DecisionEngine engine = new DecisionEngine(Policy.DEFAULT, hromadas);
    return engine.decide(predictor.fromTracks(threat).orElseThrow(), now);
  }
}
