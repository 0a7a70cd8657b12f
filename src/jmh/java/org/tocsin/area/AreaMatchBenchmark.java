package org.tocsin.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Matching one footprint to the hromadas, as the decide stage does on every track update: 500
 * weighted samples spread over about 30 km around Dnipro, with a 5 km buffer. Target: under 1 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class AreaMatchBenchmark {

  private static final GeoPoint DNIPRO = GeoPoint.of(48.45, 35.05);
  private static final int SAMPLES = 500;

  /** Per-axis standard deviation of the footprint: 99 % of it lies within 15 km. */
  private static final double SIGMA_M = 5_000;

  private static final double RADIUS_M = 5_000;

  private AreaSet hromadas;
  private List<ImpactSample> footprint;

  @Setup
  public void setUp() {
    hromadas = AreaSets.bundled("ua-hromadas");
    Random random = new Random(42);
    footprint = new ArrayList<>(SAMPLES);
    for (int i = 0; i < SAMPLES; i++) {
      // A circular normal distribution: Rayleigh-distributed range, uniform bearing.
      double rangeM = SIGMA_M * Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
      GeoPoint point = Geodesics.WGS84.direct(DNIPRO, 360 * random.nextDouble(), rangeM);
      footprint.add(new ImpactSample(point, 1.0 / SAMPLES));
    }
  }

  @Benchmark
  public List<AreaProbability> matchFootprintToHromadas() {
    return hromadas.match(footprint, RADIUS_M);
  }
}
