package org.tocsin.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One area's warning within one threat, in one value: the warning in force, and, while the area's
 * probability stays low, how many decisions in a row and since when (the release hysteresis).
 *
 * @param warning the warning in force
 * @param lowDecisions consecutive decisions that put the area below the release threshold; 0 when
 *     it is at risk
 * @param lowSince when the current low stretch began; empty when it is at risk
 */
record AreaState(AreaWarning warning, int lowDecisions, Optional<Instant> lowSince) {

  static AreaState atRisk(AreaWarning warning) {
    return new AreaState(warning, 0, Optional.empty());
  }

  /** Whether the area is on its way out: low at the last decision. */
  boolean leaving() {
    return lowDecisions > 0;
  }

  AlertLevel level() {
    return warning.level();
  }

  /** The same area after one more decision that put it low at {@code now}. */
  AreaState low(Instant now) {
    return new AreaState(warning, lowDecisions + 1, Optional.of(lowSince.orElse(now)));
  }

  AreaState withLevel(AlertLevel level) {
    return new AreaState(warning.withLevel(level), lowDecisions, lowSince);
  }
}
