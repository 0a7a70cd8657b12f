package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

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
}
