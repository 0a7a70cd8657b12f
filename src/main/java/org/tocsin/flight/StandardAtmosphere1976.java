package org.tocsin.flight;

/**
 * The U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562).
 *
 * <p>Up to 86 km geometric height it is the standard's seven-layer model: temperature linear in
 * geopotential height in each layer, pressure from hydrostatic equilibrium, density from the ideal
 * gas law. Above 86 km the standard's own tabulated densities are used and interpolated
 * log-linearly, which is a continuation by piecewise exponentials with the standard's scale
 * heights; above 1,000 km there is no air. Heights are treated as geometric heights above the
 * ellipsoid: the difference from heights above the geoid (tens of metres) is far below what drag on
 * a re-entry vehicle can resolve.
 *
 * <p>Below 86 km, density is the hottest function of every prediction (six times per integration
 * step), and its power law costs more than the rest of the equations of motion. It is therefore
 * read from a {@link CubicHermiteTable} over geopotential height, built once from the exact
 * formulas, values and slopes: nodes 125 geopotential metres apart, so that every layer base is a
 * node and the kinks of the standard's temperature profile stay exactly where they are. Between
 * nodes the table's relative error is at most Δ⁴/(384·H⁴) with H ≥ 5.4 km the smallest density
 * scale height, under 1e-9 (StandardAtmosphere1976Test checks it against the exact formula metre by
 * metre); the first derivative is continuous at every other node, so the drag shows the integrator
 * no kink that the standard does not have (a linearly interpolated table would put one at each
 * node, which costs high-order integrators four times their steps).
 */
public final class StandardAtmosphere1976 implements Atmosphere {

  public static final StandardAtmosphere1976 INSTANCE = new StandardAtmosphere1976();

  private static final double G0_MPS2 = 9.80665;
  private static final double GAS_CONSTANT_J_PER_KG_K = 8.31432 / 0.0289644;
  private static final double HEAT_CAPACITY_RATIO = 1.4;
  private static final double EARTH_RADIUS_FOR_GEOPOTENTIAL_M = 6_356_766.0;
  private static final double LOWER_MODEL_TOP_M = 86_000.0;
  private static final double LOWEST_HEIGHT_M = -5_000.0;

  /** Layer bases in geopotential metres and their temperature lapse rates (K/m). */
  private static final double[] BASE_GEOPOTENTIAL_M = {
    0, 11_000, 20_000, 32_000, 47_000, 51_000, 71_000
  };

  private static final double[] LAPSE_RATE_K_PER_M = {
    -0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002
  };

  /** Tabulated densities above 86 km: geometric height (m), density (kg/m³). */
  private static final double[] UPPER_HEIGHT_M = {
    86e3, 90e3, 100e3, 110e3, 120e3, 130e3, 140e3, 150e3, 160e3, 180e3, 200e3, 250e3, 300e3, 350e3,
    400e3, 450e3, 500e3, 600e3, 700e3, 800e3, 900e3, 1000e3
  };

  private static final double[] UPPER_LN_DENSITY;

  /** The table's node spacing in geopotential metres; a divisor of every layer base. */
  private static final double TABLE_STEP_M = 125;

  /** The table's extent in geopotential metres, beyond −5 km and 86 km geometric. */
  private static final double TABLE_START_M = -5_250;

  private static final double TABLE_END_M = 85_000;

  private static final CubicHermiteTable LOWER_DENSITY;

  private static final double[] BASE_TEMPERATURE_K = new double[BASE_GEOPOTENTIAL_M.length];
  private static final double[] BASE_PRESSURE_PA = new double[BASE_GEOPOTENTIAL_M.length];

  static {
    BASE_TEMPERATURE_K[0] = 288.15;
    BASE_PRESSURE_PA[0] = 101_325.0;
    for (int i = 1; i < BASE_GEOPOTENTIAL_M.length; i++) {
      double thicknessM = BASE_GEOPOTENTIAL_M[i] - BASE_GEOPOTENTIAL_M[i - 1];
      BASE_TEMPERATURE_K[i] = BASE_TEMPERATURE_K[i - 1] + LAPSE_RATE_K_PER_M[i - 1] * thicknessM;
      BASE_PRESSURE_PA[i] = pressureInLayer(i - 1, BASE_GEOPOTENTIAL_M[i]);
    }
    double[] density = {
      0, 3.416e-6, 5.604e-7, 9.708e-8, 2.222e-8, 8.152e-9, 3.831e-9, 2.076e-9, 1.233e-9, 5.194e-10,
      2.541e-10, 6.073e-11, 1.916e-11, 7.014e-12, 2.803e-12, 1.184e-12, 5.215e-13, 1.137e-13,
      3.070e-14, 1.136e-14, 5.759e-15, 3.561e-15
    };
    // The first entry is the lower model's own value at 86 km, so density is continuous there.
    density[0] = lowerDensityKgM3(LOWER_MODEL_TOP_M);
    UPPER_LN_DENSITY = new double[density.length];
    for (int i = 0; i < density.length; i++) {
      UPPER_LN_DENSITY[i] = Math.log(density[i]);
    }
    LOWER_DENSITY = lowerDensityTable();
  }

  /**
   * Values and slopes of the exact density at each node; each interval's slopes are taken in the
   * layer that holds the interval, so that a layer base, where the slope jumps, gets the slope of
   * the layer on each side.
   */
  private static CubicHermiteTable lowerDensityTable() {
    int intervals = (int) Math.round((TABLE_END_M - TABLE_START_M) / TABLE_STEP_M);
    double[] values = new double[intervals + 1];
    double[] startSlopes = new double[intervals];
    double[] endSlopes = new double[intervals];
    for (int i = 0; i <= intervals; i++) {
      double geopotentialM = TABLE_START_M + i * TABLE_STEP_M;
      values[i] = densityInLayer(layerOf(geopotentialM), geopotentialM);
    }
    for (int i = 0; i < intervals; i++) {
      double startM = TABLE_START_M + i * TABLE_STEP_M;
      int layer = layerOf(startM + TABLE_STEP_M / 2);
      startSlopes[i] = densitySlopePerM(layer, startM);
      endSlopes[i] = densitySlopePerM(layer, startM + TABLE_STEP_M);
    }
    return new CubicHermiteTable(TABLE_START_M, TABLE_STEP_M, values, startSlopes, endSlopes);
  }

  private StandardAtmosphere1976() {}

  @Override
  public double densityKgM3(double heightM) {
    if (heightM <= LOWER_MODEL_TOP_M) {
      return LOWER_DENSITY.valueAt(geopotentialM(Math.max(heightM, LOWEST_HEIGHT_M)));
    }
    return upperDensityKgM3(heightM);
  }

  /**
   * The standard's density computed from its formulas, without the table: the reference the table
   * is tested against.
   */
  static double exactDensityKgM3(double heightM) {
    if (heightM <= LOWER_MODEL_TOP_M) {
      return lowerDensityKgM3(Math.max(heightM, LOWEST_HEIGHT_M));
    }
    return upperDensityKgM3(heightM);
  }

  private static double upperDensityKgM3(double heightM) {
    if (heightM >= UPPER_HEIGHT_M[UPPER_HEIGHT_M.length - 1]) {
      return 0;
    }
    int i = 1;
    while (UPPER_HEIGHT_M[i] < heightM) {
      i++;
    }
    double fraction =
        (heightM - UPPER_HEIGHT_M[i - 1]) / (UPPER_HEIGHT_M[i] - UPPER_HEIGHT_M[i - 1]);
    return Math.exp(
        UPPER_LN_DENSITY[i - 1] + fraction * (UPPER_LN_DENSITY[i] - UPPER_LN_DENSITY[i - 1]));
  }

  @Override
  public double speedOfSoundMps(double heightM) {
    double clampedM = Math.min(Math.max(heightM, LOWEST_HEIGHT_M), LOWER_MODEL_TOP_M);
    return Math.sqrt(HEAT_CAPACITY_RATIO * GAS_CONSTANT_J_PER_KG_K * temperatureK(clampedM));
  }

  /** Kinetic temperature (K) for heights up to 86 km; held at the 86 km value above. */
  public double temperatureK(double heightM) {
    double geopotentialM = geopotentialM(Math.min(heightM, LOWER_MODEL_TOP_M));
    return temperatureInLayerK(layerOf(geopotentialM), geopotentialM);
  }

  private static double lowerDensityKgM3(double heightM) {
    double geopotentialM = geopotentialM(heightM);
    return densityInLayer(layerOf(geopotentialM), geopotentialM);
  }

  private static double densityInLayer(int layer, double geopotentialM) {
    return pressureInLayer(layer, geopotentialM)
        / (GAS_CONSTANT_J_PER_KG_K * temperatureInLayerK(layer, geopotentialM));
  }

  /**
   * dρ/dH in the layer, from hydrostatic equilibrium dP/dH = −ρ·g0 and the ideal gas law: dρ/dH =
   * −ρ·(g0/(R·T) + L/T), with L the layer's lapse rate (kg/m³ per geopotential metre).
   */
  private static double densitySlopePerM(int layer, double geopotentialM) {
    double temperatureK = temperatureInLayerK(layer, geopotentialM);
    return -densityInLayer(layer, geopotentialM)
        * (G0_MPS2 / (GAS_CONSTANT_J_PER_KG_K * temperatureK)
            + LAPSE_RATE_K_PER_M[layer] / temperatureK);
  }

  private static double temperatureInLayerK(int layer, double geopotentialM) {
    return BASE_TEMPERATURE_K[layer]
        + LAPSE_RATE_K_PER_M[layer] * (geopotentialM - BASE_GEOPOTENTIAL_M[layer]);
  }

  private static double pressureInLayer(int layer, double geopotentialM) {
    double baseTemperatureK = BASE_TEMPERATURE_K[layer];
    double lapseRate = LAPSE_RATE_K_PER_M[layer];
    double aboveBaseM = geopotentialM - BASE_GEOPOTENTIAL_M[layer];
    if (lapseRate == 0) {
      return BASE_PRESSURE_PA[layer]
          * Math.exp(-G0_MPS2 * aboveBaseM / (GAS_CONSTANT_J_PER_KG_K * baseTemperatureK));
    }
    double temperatureK = baseTemperatureK + lapseRate * aboveBaseM;
    return BASE_PRESSURE_PA[layer]
        * Math.pow(
            baseTemperatureK / temperatureK, G0_MPS2 / (GAS_CONSTANT_J_PER_KG_K * lapseRate));
  }

  private static int layerOf(double geopotentialM) {
    int layer = BASE_GEOPOTENTIAL_M.length - 1;
    while (layer > 0 && geopotentialM < BASE_GEOPOTENTIAL_M[layer]) {
      layer--;
    }
    return layer;
  }

  private static double geopotentialM(double geometricM) {
    return EARTH_RADIUS_FOR_GEOPOTENTIAL_M
        * geometricM
        / (EARTH_RADIUS_FOR_GEOPOTENTIAL_M + geometricM);
  }
}
