package org.tocsin.atlas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.MinimumEnergyCurve;
import org.tocsin.geo.GeoPoint;

/**
 * Minimum-energy flight times from launch points at ground level, by launch latitude, azimuth and
 * range.
 *
 * <p>Design note. The flight model is symmetric about the Earth's axis (WGS84 ellipsoid, J2
 * gravity, rotation, an atmosphere that depends on height only), so a minimum-energy flight time
 * depends on the launch point's latitude but not its longitude: launch points of a region share
 * curves. A {@link MinimumEnergyCurve} is traced from the nearest multiple of {@link
 * #LATITUDE_STEP_DEG} in latitude, along every multiple of {@link #AZIMUTH_STEP_DEG} next to an
 * azimuth that some target lies on, out to the furthest such target. A target between two curves
 * gets the time interpolated linearly in log time between them. Latitude and azimuth matter only
 * through the Earth's rotation and flattening, which change a flight time by a few per cent between
 * an eastward and a westward launch, smoothly: a quarter-degree of latitude and the interpolation
 * over 30° of azimuth err by far less (the atlas test checks the whole against the two-point search
 * at 2 %, and finds it within a few tenths of a per cent).
 */
final class MinimumEnergyTables {

  static final double LATITUDE_STEP_DEG = 0.5;
  static final double AZIMUTH_STEP_DEG = 30;
  private static final int CELLS = (int) Math.round(360 / AZIMUTH_STEP_DEG);

  /** The Earth model does not depend on the date; the states only need an instant. */
  private static final Instant EPOCH = Instant.parse("2000-01-01T12:00:00Z");

  private record Key(long latitudeBand, int azimuthCell) {}

  private final Map<Key, MinimumEnergyCurve> curves;

  private MinimumEnergyTables(Map<Key, MinimumEnergyCurve> curves) {
    this.curves = Map.copyOf(curves);
  }

  /** The curves that targets need, with the longest range each must reach. */
  static final class Needs {
    private final Map<Key, Double> maxRangeM = new HashMap<>();

    /** A target at this azimuth (deg) and range (m) from the launch point; range 0 needs none. */
    void add(GeoPoint launch, double azimuthDeg, double rangeM) {
      if (rangeM > 0) {
        long band = band(launch);
        int cell = cell(azimuthDeg);
        maxRangeM.merge(new Key(band, cell), rangeM, Math::max);
        maxRangeM.merge(new Key(band, (cell + 1) % CELLS), rangeM, Math::max);
      }
    }

    int size() {
      return maxRangeM.size();
    }
  }

  /**
   * Traces every needed curve, one task each on the executor.
   *
   * @param progress told the share of curves traced, from 0 to 1
   */
  static MinimumEnergyTables trace(
      BallisticPropagator propagator, Needs needs, Executor executor, DoubleConsumer progress) {
    List<Supplier<Map.Entry<Key, MinimumEnergyCurve>>> jobs = new ArrayList<>();
    for (Map.Entry<Key, Double> need : needs.maxRangeM.entrySet()) {
      Key key = need.getKey();
      GeoPoint launch = GeoPoint.of(key.latitudeBand() * LATITUDE_STEP_DEG, 0);
      jobs.add(
          () ->
              Map.entry(
                  key,
                  MinimumEnergyCurve.trace(
                      propagator,
                      launch,
                      EPOCH,
                      key.azimuthCell() * AZIMUTH_STEP_DEG,
                      need.getValue())));
    }
    Map<Key, MinimumEnergyCurve> curves = new HashMap<>();
    for (Map.Entry<Key, MinimumEnergyCurve> entry :
        ShelterAtlas.inParallel(jobs, executor, progress)) {
      curves.put(entry.getKey(), entry.getValue());
    }
    return new MinimumEnergyTables(curves);
  }

  /**
   * The minimum-energy flight time (s) to a target, or empty when the model cannot fly that far
   * from the ground below escape speed.
   *
   * @throws IllegalStateException when the target was not among the needs
   */
  OptionalDouble flightTimeS(GeoPoint launch, double azimuthDeg, double rangeM) {
    if (rangeM == 0) {
      return OptionalDouble.of(0);
    }
    long band = band(launch);
    int cell = cell(azimuthDeg);
    MinimumEnergyCurve before = curves.get(new Key(band, cell));
    MinimumEnergyCurve after = curves.get(new Key(band, (cell + 1) % CELLS));
    if (before == null || after == null) {
      throw new IllegalStateException(
          "no curve was traced from " + launch + " next to azimuth " + azimuthDeg + "°");
    }
    if (rangeM > before.maxRangeM() || rangeM > after.maxRangeM()) {
      return OptionalDouble.empty();
    }
    double share = (normalized(azimuthDeg) - cell * AZIMUTH_STEP_DEG) / AZIMUTH_STEP_DEG;
    double logTime =
        (1 - share) * Math.log(before.flightTimeS(rangeM))
            + share * Math.log(after.flightTimeS(rangeM));
    return OptionalDouble.of(Math.exp(logTime));
  }

  private static long band(GeoPoint launch) {
    return Math.round(launch.latitudeDeg() / LATITUDE_STEP_DEG);
  }

  private static int cell(double azimuthDeg) {
    return Math.min(CELLS - 1, (int) Math.floor(normalized(azimuthDeg) / AZIMUTH_STEP_DEG));
  }

  private static double normalized(double azimuthDeg) {
    double value = azimuthDeg % 360;
    return value < 0 ? value + 360 : value;
  }
}
