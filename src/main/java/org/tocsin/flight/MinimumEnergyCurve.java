package org.tocsin.flight;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;

/**
 * The flight time of the minimum-energy arc as a function of ground range, from one launch point
 * along one launch azimuth, under the full flight model.
 *
 * <p>Design note. The minimum-energy arc to a target is the one that needs the least launch speed
 * relative to the ground (the speed the rocket itself must give, as {@link MinimumEnergyFitter}
 * finds it for two points). Its dual: at a given launch speed, the elevation that carries furthest
 * reaches a range for which that speed is the least that will do. So the curve is traced without
 * fitting any trajectory: launch speeds rise geometrically by {@link #SPEED_RATIO} from {@link
 * #FIRST_SPEED_MPS}, and for each one a search over the elevation finds the longest range (J2,
 * rotation and drag included) and its flight time. Each search is warm-started from the previous
 * speed's best elevation (two rounds of parabolic interpolation around it, about seven flights a
 * speed; golden section where that fails). The Earth's rotation bends the impact a little off the
 * launch azimuth (a few tenths of a degree); the curve belongs to the launch azimuth, and flight
 * time changes with azimuth far too slowly for that to matter.
 *
 * <p>Between tabulated ranges the flight time is interpolated linearly in log range and log time,
 * on which it is nearly straight (t ∝ √r at short range, nearly ∝ r at long range); below the first
 * range it follows t ∝ √r, the flat-Earth minimum-energy law, down to 0.
 */
public final class MinimumEnergyCurve {

  static final double FIRST_SPEED_MPS = 300;
  static final double SPEED_RATIO = 1.04;
  static final double ELEVATION_WINDOW_DEG = 6;
  private static final double FIRST_WINDOW_DEG = 30;
  private static final double COARSE_STEP_DEG = 1.5;
  private static final double FINE_STEP_DEG = 0.2;
  private static final double ELEVATION_TOLERANCE_DEG = 0.02;

  private static final int MAX_WIDENINGS = 4;

  private final double azimuthDeg;
  private final double[] logRange;
  private final double[] logTime;

  private MinimumEnergyCurve(double azimuthDeg, double[] rangesM, double[] timesS) {
    this.azimuthDeg = azimuthDeg;
    this.logRange = Arrays.stream(rangesM).map(Math::log).toArray();
    this.logTime = Arrays.stream(timesS).map(Math::log).toArray();
  }

  /**
   * Traces the curve out to at least {@code maxRangeM}, or as far as sub-orbital launch speeds
   * reach.
   *
   * @param propagator the flight model to fly
   * @param launch the launch point (its height is the launch height)
   * @param launchTime the launch instant (the Earth's orientation does not matter to the model, but
   *     the states carry a time)
   * @param azimuthDeg launch azimuth, clockwise from north
   * @param maxRangeM the longest range the caller needs (m), positive
   */
  public static MinimumEnergyCurve trace(
      BallisticPropagator propagator,
      GeoPoint launch,
      Instant launchTime,
      double azimuthDeg,
      double maxRangeM) {
    if (!(maxRangeM > 0) || !Double.isFinite(maxRangeM)) {
      throw new IllegalArgumentException("maximum range must be positive, was " + maxRangeM + " m");
    }
    Launcher launcher = new Launcher(propagator, launch, launchTime, azimuthDeg);
    double maxSpeedMps = launcher.escapeSpeedMps();
    int capacity =
        (int) Math.ceil(Math.log(maxSpeedMps / FIRST_SPEED_MPS) / Math.log(SPEED_RATIO)) + 1;
    double[] ranges = new double[capacity + 1];
    double[] times = new double[capacity + 1];
    int count = 0;
    double elevationDeg = 45;
    for (double speed = FIRST_SPEED_MPS; speed < maxSpeedMps; speed *= SPEED_RATIO) {
      double best =
          count == 0
              ? launcher.furthestElevationDeg(speed, elevationDeg, FIRST_WINDOW_DEG)
              : launcher.furthestElevationNearDeg(speed, elevationDeg);
      Flight flight;
      try {
        flight = launcher.fly(speed, best);
      } catch (NoImpactException e) {
        break; // beyond the sub-orbital speeds: the table ends here
      }
      double rangeM = launcher.rangeM(flight);
      if (count == 0 || rangeM > ranges[count - 1]) {
        ranges[count] = rangeM;
        times[count] = flight.flightTimeS();
        count++;
      }
      elevationDeg = best;
      if (rangeM >= maxRangeM) {
        break;
      }
    }
    return new MinimumEnergyCurve(
        azimuthDeg, Arrays.copyOf(ranges, count), Arrays.copyOf(times, count));
  }

  public double azimuthDeg() {
    return azimuthDeg;
  }

  /** The longest range tabulated (m). */
  public double maxRangeM() {
    return Math.exp(logRange[logRange.length - 1]);
  }

  /**
   * Flight time (s) of the minimum-energy arc over a ground range.
   *
   * @param rangeM ground range (m), within [0, {@link #maxRangeM()}]
   */
  public double flightTimeS(double rangeM) {
    if (!(rangeM >= 0) || rangeM > maxRangeM() * (1 + 1e-12)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "range must be within [0, %.1f] km, was %.1f km",
              maxRangeM() / 1000,
              rangeM / 1000));
    }
    if (rangeM == 0) {
      return 0;
    }
    double x = Math.log(rangeM);
    if (x <= logRange[0]) {
      return Math.exp(logTime[0] + (x - logRange[0]) / 2);
    }
    int index = Arrays.binarySearch(logRange, x);
    if (index >= 0) {
      return Math.exp(logTime[index]);
    }
    int upper = Math.min(-index - 1, logRange.length - 1);
    int lower = upper - 1;
    double share = (x - logRange[lower]) / (logRange[upper] - logRange[lower]);
    return Math.exp(logTime[lower] + share * (logTime[upper] - logTime[lower]));
  }

  /** Flies launches of given speed and elevation along the azimuth. */
  private static final class Launcher {
    private final BallisticPropagator propagator;
    private final GeoPoint launch;
    private final Instant launchTime;
    private final Vector3D positionEcefM;
    private final LocalFrame frame;
    private final double sinAzimuth;
    private final double cosAzimuth;
    private final Geodesics geodesics;

    Launcher(
        BallisticPropagator propagator, GeoPoint launch, Instant launchTime, double azimuthDeg) {
      Ellipsoid ellipsoid = propagator.model().earth().ellipsoid();
      this.propagator = propagator;
      this.launch = launch;
      this.launchTime = launchTime;
      this.positionEcefM = ellipsoid.toEcef(launch);
      this.frame = ellipsoid.localFrameAt(launch);
      this.sinAzimuth = Math.sin(Math.toRadians(azimuthDeg));
      this.cosAzimuth = Math.cos(Math.toRadians(azimuthDeg));
      this.geodesics = new Geodesics(ellipsoid);
    }

    Flight fly(double speedMps, double elevationDeg) {
      double elevation = Math.toRadians(elevationDeg);
      double horizontal = speedMps * Math.cos(elevation);
      Vector3D enu =
          new Vector3D(
              horizontal * sinAzimuth, horizontal * cosAzimuth, speedMps * Math.sin(elevation));
      return propagator.propagate(
          new StateVector(launchTime, positionEcefM, frame.directionToEcef(enu)));
    }

    /** The range of a launch, or −∞ when it does not come down. */
    double rangeOrNothingM(double speedMps, double elevationDeg) {
      try {
        return rangeM(fly(speedMps, elevationDeg));
      } catch (NoImpactException e) {
        return Double.NEGATIVE_INFINITY;
      }
    }

    /**
     * The launch speed relative to the ground below which no direction reaches escape speed: escape
     * speed at the launch point less the ground's own speed. The curve goes that far because from
     * the ground drag takes most of the speed of an arc through the low atmosphere (a 5,000 kg/m²
     * body launched at 4 km/s flies only about 130 km): the model needs speeds well above orbital
     * speed for the longer ranges of the lighter classes, as the fitter does.
     */
    double escapeSpeedMps() {
      EarthModel earth = propagator.model().earth();
      double radiusM = positionEcefM.getNorm();
      double groundSpeedMps =
          earth.rotationRateRadS() * Math.hypot(positionEcefM.getX(), positionEcefM.getY());
      return Math.sqrt(2 * earth.muM3S2() / radiusM) - groundSpeedMps;
    }

    double rangeM(Flight flight) {
      return geodesics.distanceM(launch, flight.impact().point());
    }

    /**
     * The elevation (deg) that carries furthest at this speed, searched within {@code window} of
     * {@code aroundDeg} by golden section; the window moves and widens when the best lies at its
     * edge.
     */
    double furthestElevationDeg(double speedMps, double aroundDeg, double window) {
      double centre = aroundDeg;
      double halfWidth = window;
      for (int widening = 0; ; widening++) {
        double low = Math.max(1, centre - halfWidth);
        double high = Math.min(89, centre + halfWidth);
        double best =
            GoldenSection.argMax(
                elevation -> rangeOrNothingM(speedMps, elevation),
                low,
                high,
                ELEVATION_TOLERANCE_DEG);
        boolean atEdge =
            (best - low < 2 * ELEVATION_TOLERANCE_DEG && low > 1)
                || (high - best < 2 * ELEVATION_TOLERANCE_DEG && high < 89);
        if (!atEdge || widening == MAX_WIDENINGS) {
          return best;
        }
        centre = best;
        halfWidth *= 2;
      }
    }

    /**
     * The elevation (deg) that carries furthest at this speed, near the previous speed's best: two
     * rounds of parabolic interpolation through three launches each ({@link #COARSE_STEP_DEG}
     * apart, then {@link #FINE_STEP_DEG}), about six flights where golden section takes fifteen.
     * Range is smooth and nearly parabolic in elevation near its maximum. Falls back to golden
     * section when the three launches do not bracket a maximum.
     */
    double furthestElevationNearDeg(double speedMps, double previousDeg) {
      double vertex = parabolicVertexDeg(speedMps, previousDeg, COARSE_STEP_DEG);
      if (Double.isNaN(vertex) || Math.abs(vertex - previousDeg) > 2 * COARSE_STEP_DEG) {
        return furthestElevationDeg(speedMps, previousDeg, ELEVATION_WINDOW_DEG);
      }
      double refined = parabolicVertexDeg(speedMps, vertex, FINE_STEP_DEG);
      if (Double.isNaN(refined) || Math.abs(refined - vertex) > 2 * FINE_STEP_DEG) {
        return furthestElevationDeg(speedMps, vertex, ELEVATION_WINDOW_DEG);
      }
      return refined;
    }

    /** The vertex of the parabola through three launches, or NaN when they show no maximum. */
    private double parabolicVertexDeg(double speedMps, double centreDeg, double stepDeg) {
      if (centreDeg - stepDeg < 1 || centreDeg + stepDeg > 89) {
        return Double.NaN;
      }
      double below = rangeOrNothingM(speedMps, centreDeg - stepDeg);
      double middle = rangeOrNothingM(speedMps, centreDeg);
      double above = rangeOrNothingM(speedMps, centreDeg + stepDeg);
      double curvature = below - 2 * middle + above;
      if (!(curvature < 0) || Double.isInfinite(below) || Double.isInfinite(above)) {
        return Double.NaN;
      }
      return centreDeg + stepDeg * (below - above) / (2 * curvature);
    }
  }
}
