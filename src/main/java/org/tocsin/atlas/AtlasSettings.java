package org.tocsin.atlas;

import java.util.Locale;
import java.util.Objects;
import org.tocsin.flight.ThreatClass;

/**
 * What an atlas is computed for: the threat class and the allowances added to, and taken from, the
 * ballistic flight time.
 *
 * @param threatClass the class: its ballistic coefficient shapes the arc, its range band bounds it
 * @param boostS time from launch to the start of the ballistic arc (s), within [0, {@value
 *     #MAX_ALLOWANCE_S}]
 * @param detectionLatencyS time from launch until the first launch report reaches Tocsin (s),
 *     within [0, {@value #MAX_ALLOWANCE_S}]
 */
public record AtlasSettings(ThreatClass threatClass, double boostS, double detectionLatencyS) {

  /** The largest allowance accepted (s): longer than any boost phase or detection delay. */
  public static final double MAX_ALLOWANCE_S = 900;

  /**
   * Time from the first launch report to the warning being decided (s), taken as a constant: the
   * engine's own decision latency is measured in milliseconds ({@code simulate}'s report: p99 12 ms
   * on the bundled scenarios, up to 64 ms in a cold run), so one second covers it with room.
   */
  public static final double DECISION_LATENCY_S = 1;

  /**
   * The default detection latency (s): a space-based launch report a minute after launch, as the
   * launch-detection sensors of the bundled scenarios report ({@code latencyS: 60}).
   */
  public static final double DEFAULT_DETECTION_LATENCY_S = 60;

  public AtlasSettings {
    Objects.requireNonNull(threatClass, "threatClass");
    requireAllowance("boost", boostS);
    requireAllowance("detection latency", detectionLatencyS);
  }

  /** The class with its default boost allowance and the default detection latency. */
  public static AtlasSettings of(ThreatClass threatClass) {
    return new AtlasSettings(threatClass, defaultBoostS(threatClass), DEFAULT_DETECTION_LATENCY_S);
  }

  /**
   * The default boost allowance (s) of a class: a planning figure of the order of the class's
   * powered flight (about a minute for short-range missiles, two to four minutes for the longer
   * classes), not the burn time of any one weapon. The flight engine starts the ballistic arc at
   * the launch point with its full speed, so the allowance stands for the time the boost takes.
   */
  public static double defaultBoostS(ThreatClass threatClass) {
    return switch (threatClass) {
      case SRBM -> 60;
      case MRBM -> 120;
      case IRBM -> 180;
      case ICBM -> 240;
    };
  }

  public AtlasSettings withBoostS(double newBoostS) {
    return new AtlasSettings(threatClass, newBoostS, detectionLatencyS);
  }

  public AtlasSettings withDetectionLatencyS(double newLatencyS) {
    return new AtlasSettings(threatClass, boostS, newLatencyS);
  }

  /** The warning people have (s) for a planning flight time (s): never below zero. */
  public double warningTimeS(double flightTimeS) {
    return Math.max(0, flightTimeS - detectionLatencyS - DECISION_LATENCY_S);
  }

  private static void requireAllowance(String name, double seconds) {
    if (!(seconds >= 0 && seconds <= MAX_ALLOWANCE_S)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s must be within [0, %.0f] s, was %s s",
              name,
              MAX_ALLOWANCE_S,
              seconds));
    }
  }
}
