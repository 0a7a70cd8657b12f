package org.tocsin.area;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Loading a bundled set from its GeoJSON: parsing, validation and repair, geodesic areas and the
 * indexes. Single shots, since a set is loaded once per process; target well under 2 s for the
 * hromadas.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class AreaLoadBenchmark {

  /** OCHA administrative level: 1 oblasts, 2 raions, 3 hromadas. */
  @Param({"1", "2", "3"})
  public int level;

  @Benchmark
  public AreaSet load() throws IOException {
    String setId = AreaSets.bundledIds().get(level - 1);
    try (InputStream in = AreaSets.class.getResourceAsStream(setId + ".geojson")) {
      return AreaSets.fromGeoJson(setId, in, FeatureSchema.ocha(level));
    }
  }
}
