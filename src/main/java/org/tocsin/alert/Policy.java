package org.tocsin.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * The warning policy in force ({@code policy} in {@code docs/SCENARIOS.md}): when an area is at
 * risk, when it must shelter and when its threat is over. The one policy type of the engine, the
 * server and the simulator.
 *
 * @param threshold an area is at risk when P(an impact within it or its buffer) reaches this,
 *     within (0, 1]
 * @param bufferKm the buffer around each area (km), finite and not negative
 * @param shelterLead every area at risk shelters at least this long before its earliest predicted
 *     arrival; not negative
 * @param allClearAfter the all-clear comes this long after the latest predicted arrival; not
 *     negative
 */
public record Policy(
    double threshold, double bufferKm, Duration shelterLead, Duration allClearAfter) {

  /** The defaults of {@code SCENARIOS.md}: 0.001, 5 km, 300 s, 120 s. */
  public static final Policy DEFAULT =
      new Policy(0.001, 5, Duration.ofSeconds(300), Duration.ofSeconds(120));

  public Policy {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
    }
    if (!(bufferKm >= 0) || !Double.isFinite(bufferKm)) {
      throw new IllegalArgumentException("buffer must be finite and not negative, was " + bufferKm);
    }
    Objects.requireNonNull(shelterLead, "shelterLead");
    Objects.requireNonNull(allClearAfter, "allClearAfter");
    if (shelterLead.isNegative() || allClearAfter.isNegative()) {
      throw new IllegalArgumentException(
          "shelter lead and all-clear delay must not be negative, were "
              + shelterLead
              + " and "
              + allClearAfter);
    }
  }
}
