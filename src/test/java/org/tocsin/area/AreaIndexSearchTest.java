package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.PropertyChecks.doubles;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.tocsin.PropertyChecks;
import org.tocsin.area.AreaIndex.Search;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * A footprint's grids find the same areas as the trees, sample by sample: the weights they sum are
 * the same to the last bit, so a decision is the same whichever search made it.
 */
class AreaIndexSearchTest {

  private static final AreaSet HROMADAS = AreaSets.bundled("ua-hromadas");
  private static final AreaIndex INDEX = new AreaIndex(HROMADAS.areas());

  @Test
  void gridsSumExactlyTheWeightsTheTreesSumOverTheHromadas() {
    Gen<Double> latitudesDeg = doubles(44.3, 52.4);
    Gen<Double> longitudesDeg = doubles(22.2, 40.2);
    Gen<Double> sigmasM = doubles(50, 20_000);
    Gen<Double> radiiM = doubles(0, 30_000);
    Gen<Footprint> footprints =
        in ->
            new Footprint(
                GeoPoint.of(latitudesDeg.generate(in), longitudesDeg.generate(in)),
                sigmasM.generate(in),
                radiiM.generate(in));

    PropertyChecks.forAll(
        150,
        footprints,
        footprint -> {
          List<ImpactSample> samples = footprint.samples();

          double[] byTrees = INDEX.weightsByArea(samples, footprint.radiusM(), Search.TREES);

          assertThat(INDEX.weightsByArea(samples, footprint.radiusM(), Search.GRIDS))
              .containsExactly(byTrees);
          assertThat(INDEX.weightsByArea(samples, footprint.radiusM(), Search.CHEAPER))
              .containsExactly(byTrees);
        });
  }

  @Test
  void aFootprintOnTheBordersOfSeveralHromadasCountsInEachAsTheTreesDo() {
    // Dnipro's centre, where several hromadas meet within a few kilometres; a tracked missile's
    // footprint (σ 1 km) with the default 5 km buffer.
    Footprint footprint = new Footprint(GeoPoint.of(48.45, 35.05), 1_000, 5_250);

    double[] byGrids = INDEX.weightsByArea(footprint.samples(), footprint.radiusM(), Search.GRIDS);

    assertThat(byGrids)
        .containsExactly(
            INDEX.weightsByArea(footprint.samples(), footprint.radiusM(), Search.TREES));
    assertThat(java.util.Arrays.stream(byGrids).filter(w -> w > 0).count()).isGreaterThan(2);
  }

  /**
   * The polar quadrature of a footprint's predictor: rings half a sigma apart out to four sigmas,
   * sectors half a sigma long, each sample the ring's mass shared among its sectors.
   */
  private record Footprint(GeoPoint centre, double sigmaM, double radiusM) {
    List<ImpactSample> samples() {
      List<ImpactSample> samples = new ArrayList<>();
      for (double inner = 0; inner < 4 - 1e-9; inner += 0.5) {
        double outer = inner + 0.5;
        double mass = Math.exp(-inner * inner / 2) - Math.exp(-outer * outer / 2);
        double ring = inner == 0 ? 0 : (inner + outer) / 2;
        int sectors = inner == 0 ? 1 : (int) Math.ceil(2 * Math.PI * ring / 0.5);
        for (int s = 0; s < sectors; s++) {
          double azimuthDeg = 360.0 * (s + 0.5) / sectors;
          GeoPoint point = Geodesics.WGS84.direct(centre, azimuthDeg, ring * sigmaM);
          samples.add(new ImpactSample(point, mass / sectors));
        }
      }
      return samples;
    }
  }
}
