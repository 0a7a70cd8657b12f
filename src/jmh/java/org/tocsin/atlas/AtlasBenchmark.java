package org.tocsin.atlas;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * One whole shelter-time atlas, as {@code tocsin atlas --launch-region} computes it: Ukraine's
 * 1,769 hromadas from 50 launch points sampled from a region in southern Belarus (27.0–28.6° E,
 * 51.7–52.3° N, about 110 × 67 km), for an SRBM and an IRBM. The work runs on a pool of as many
 * threads as the machine has processors, as the command runs it. Target: under a minute.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class AtlasBenchmark {

  static final Geometry SOUTHERN_BELARUS =
      new GeometryFactory()
          .createPolygon(
              new Coordinate[] {
                new Coordinate(27.0, 51.7),
                new Coordinate(28.6, 51.7),
                new Coordinate(28.6, 52.3),
                new Coordinate(27.0, 52.3),
                new Coordinate(27.0, 51.7)
              });

  @Param({"srbm", "irbm"})
  public String threatClass;

  private AreaSet hromadas;
  private List<GeoPoint> launches;
  private ExecutorService executor;

  @Setup
  public void setUp() {
    hromadas = AreaSets.bundled("ua-hromadas");
    launches = LaunchRegion.sample(SOUTHERN_BELARUS, 50);
    executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  }

  @TearDown
  public void tearDown() {
    executor.shutdown();
  }

  @Benchmark
  public Atlas hromadasFromFiftyLaunchPoints() {
    return new ShelterAtlas(AtlasSettings.of(ThreatClass.fromId(threatClass)), executor)
        .compute(hromadas, launches, share -> {});
  }
}
