package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against the tables of the U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562, Table I, geometric
 * heights). 0.2 % on density and temperature: the tables are printed to four or five figures, and
 * above 80 km the standard's varying molecular weight (not modelled below 86 km) moves density by
 * about 0.1 %.
 */
class StandardAtmosphere1976Test {

  private final StandardAtmosphere1976 atmosphere = StandardAtmosphere1976.INSTANCE;

  @ParameterizedTest(name = "{0} m: {1} kg/m³, {2} K")
  @CsvSource({
    "0, 1.2250, 288.15",
    "5000, 0.73643, 255.68",
    "11000, 0.36480, 216.77",
    "20000, 0.088910, 216.65",
    "30000, 0.018410, 226.51",
    "50000, 0.0010269, 270.65",
    "70000, 8.2829e-5, 219.58",
    "86000, 6.958e-6, 186.95"
  })
  void densityAndTemperatureMatchThePublishedTable(
      double heightM, double densityKgM3, double temperatureK) {
    assertThat(atmosphere.densityKgM3(heightM)).isCloseTo(densityKgM3, withinPercentage(0.2));
    assertThat(atmosphere.temperatureK(heightM)).isCloseTo(temperatureK, withinPercentage(0.05));
  }

  @ParameterizedTest(name = "{0} m: {1} kg/m³")
  @CsvSource({"100000, 5.604e-7", "150000, 2.076e-9", "300000, 1.916e-11", "500000, 5.215e-13"})
  void upperAtmosphereFollowsTheStandardsTabulatedDensities(double heightM, double densityKgM3) {
    assertThat(atmosphere.densityKgM3(heightM)).isCloseTo(densityKgM3, withinPercentage(0.01));
  }

  @ParameterizedTest(name = "{0} m")
  @CsvSource({"86000", "90000", "125000", "175000", "425000", "950000"})
  void densityIsContinuousAndFallsWithHeight(double heightM) {
    double below = atmosphere.densityKgM3(heightM - 1);
    double above = atmosphere.densityKgM3(heightM + 1);
    assertThat(above).isLessThan(below);
    assertThat(above).isCloseTo(below, withinPercentage(0.1));
  }

  @ParameterizedTest(name = "{0} m")
  @CsvSource({"1000000", "2000000"})
  void thereIsNoAirAboveAThousandKilometres(double heightM) {
    assertThat(atmosphere.densityKgM3(heightM)).isZero();
  }

  @ParameterizedTest(name = "{0} m: {1} m/s")
  @CsvSource({"0, 340.29", "11000, 295.07", "20000, 295.07"})
  void speedOfSoundMatchesThePublishedTable(double heightM, double speedMps) {
    assertThat(atmosphere.speedOfSoundMps(heightM)).isCloseTo(speedMps, withinPercentage(0.05));
  }

  /**
   * The table below 86 km against the exact formulas, every metre from −5 km to 86 km: the cubic
   * Hermite bound Δ⁴/(384·H⁴) is 6e-10 for 125 m nodes and the smallest scale height (5.8 km, at 86
   * km); 1e-9 leaves room for rounding, and a table with nodes twice as far apart, or with one
   * wrong slope, fails it.
   */
  @Test
  void tabulatedDensityIsWithinOnePartInABillionOfTheExactFormula() {
    double worst = 0;
    double worstAtM = Double.NaN;
    for (int heightM = -5_000; heightM <= 86_000; heightM++) {
      double exact = StandardAtmosphere1976.exactDensityKgM3(heightM);
      double relative = Math.abs(atmosphere.densityKgM3(heightM) / exact - 1);
      if (relative > worst) {
        worst = relative;
        worstAtM = heightM;
      }
    }
    assertThat(worst).as("worst relative error, at %s m", worstAtM).isLessThan(1e-9);
  }

  /** Between whole metres too, where every interval's inside is, and at a quarter of each. */
  @Test
  void tabulatedDensityIsExactToRoundingAtLayerBasesAndCloseBetween() {
    double earthRadiusM = 6_356_766.0;
    for (double baseGeopotentialM :
        new double[] {0, 11_000, 20_000, 32_000, 47_000, 51_000, 71_000}) {
      double heightM = earthRadiusM * baseGeopotentialM / (earthRadiusM - baseGeopotentialM);
      assertThat(atmosphere.densityKgM3(heightM))
          .as("at the layer base %s m'", baseGeopotentialM)
          .isCloseTo(StandardAtmosphere1976.exactDensityKgM3(heightM), withinPercentage(1e-10));
    }
    for (double heightM = -4_999.37; heightM < 86_000; heightM += 31.25 * 1.003) {
      assertThat(atmosphere.densityKgM3(heightM))
          .isCloseTo(StandardAtmosphere1976.exactDensityKgM3(heightM), withinPercentage(1e-7));
    }
  }

  /**
   * The slope just below and just above each node agrees with the exact slope, except where the
   * standard itself has a kink (a layer base): no kink for the integrator that the model lacks.
   */
  @Test
  void tabulatedDensityHasNoKinkAtItsNodes() {
    double earthRadiusM = 6_356_766.0;
    double epsilonM = 1e-3;
    for (double nodeGeopotentialM = 125; nodeGeopotentialM < 84_000; nodeGeopotentialM += 1_125) {
      if (nodeGeopotentialM % 1_000 == 0) {
        continue; // a possible layer base
      }
      double heightM = earthRadiusM * nodeGeopotentialM / (earthRadiusM - nodeGeopotentialM);
      double below = slope(heightM - epsilonM, heightM);
      double above = slope(heightM, heightM + epsilonM);
      double exact =
          (StandardAtmosphere1976.exactDensityKgM3(heightM + epsilonM)
                  - StandardAtmosphere1976.exactDensityKgM3(heightM - epsilonM))
              / (2 * epsilonM);
      assertThat(below).as("slope below %s m", heightM).isCloseTo(exact, withinPercentage(1e-3));
      assertThat(above).as("slope above %s m", heightM).isCloseTo(exact, withinPercentage(1e-3));
    }
  }

  @Test
  void theTableCoversTheWholeLowerModelAndClampsBelowIt() {
    assertThat(atmosphere.densityKgM3(-20_000))
        .isEqualTo(atmosphere.densityKgM3(-5_000))
        .isCloseTo(StandardAtmosphere1976.exactDensityKgM3(-5_000), within(1e-9));
    assertThat(atmosphere.densityKgM3(86_000))
        .isCloseTo(StandardAtmosphere1976.exactDensityKgM3(86_000), withinPercentage(1e-7));
  }

  private double slope(double fromM, double toM) {
    return (atmosphere.densityKgM3(toM) - atmosphere.densityKgM3(fromM)) / (toM - fromM);
  }
}
