package org.tocsin.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The warning policy in force in a scenario ({@code policy} in {@code docs/SCENARIOS.md}).
 *
 * @param threshold an area is at risk when the probability of an impact within it or its buffer is
 *     at least this, within (0, 1]
 * @param bufferKm distance added around each area (km), not negative
 * @param shelterLead how long before its earliest predicted arrival every area at risk is told to
 *     shelter, at least; not negative
 * @param allClearAfter how long after the last impact the all-clear is given; not negative
 */
public record Policy(
    double threshold, double bufferKm, Duration shelterLead, Duration allClearAfter) {

  /** The defaults of {@code docs/SCENARIOS.md}: 0.001, 5 km, 300 s, 120 s. */
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

  /** The same policy as the decision engine takes it. */
  public org.tocsin.alert.Policy toAlertPolicy() {
    return new org.tocsin.alert.Policy(
        threshold, bufferKm, shelterLead.toMillis() / 1000.0, allClearAfter.toMillis() / 1000.0);
  }
}
