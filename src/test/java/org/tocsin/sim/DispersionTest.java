package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tocsin.geo.GeoPoint;

class DispersionTest {

  @Test
  void offsetsStayInTheDiscAndAverageExactlyToItsCentreForAnySeedCountAndRadius() {
    Random settings = new Random(1);
    for (int trial = 0; trial < 2_000; trial++) {
      int count = 1 + settings.nextInt(12);
      double radiusM = settings.nextInt(4) == 0 ? 0 : 20_000 * settings.nextDouble();

      List<double[]> offsets = Dispersion.offsetsM(count, radiusM, new Random(trial));

      assertThat(offsets).hasSize(count);
      assertThat(offsets)
          .allSatisfy(
              offset ->
                  assertThat(Math.hypot(offset[0], offset[1]))
                      .isLessThanOrEqualTo(radiusM * (1 + 1e-12)));
      double meanEastM = offsets.stream().mapToDouble(offset -> offset[0]).average().orElseThrow();
      double meanNorthM = offsets.stream().mapToDouble(offset -> offset[1]).average().orElseThrow();
      assertThat(meanEastM).isCloseTo(0, within(1e-9));
      assertThat(meanNorthM).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void aSingleVehicleComesDownExactlyAtTheMeanImpactPoint() {
    GeoPoint mean = GeoPoint.of(48.44, 35.01);

    assertThat(Dispersion.impactPoints(mean, 1, 3_000, new Random(5))).containsExactly(mean);
  }

  @Test
  void manyVehiclesFillTheDiscRatherThanClusterAtItsCentre() {
    List<double[]> offsets = Dispersion.offsetsM(10_000, 1_000, new Random(3));

    long inInnerHalfRadius =
        offsets.stream().filter(offset -> Math.hypot(offset[0], offset[1]) < 500).count();
    // uniform in the disc: a quarter of the area lies within half the radius
    assertThat(inInnerHalfRadius / 10_000.0).isCloseTo(0.25, within(0.02));
  }
}
