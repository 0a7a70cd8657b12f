package org.tocsin.alert;

import java.util.Locale;

/**
 * Where a threat is in its life. Every threat the engine decides on ends: with an all-clear after
 * its latest predicted arrival, a Cancel when no area is left at risk, or people's stand-down.
 *
 * <pre>
 *   CORRIDOR ──► TRACKED ──► PAST_IMPACT ──► ENDED
 *       └──────────────────────►┘              ▲
 *   ISSUED (by people) ────────────────────────┘ (stand-down)
 * </pre>
 */
public enum ThreatPhase {
  /** Warned from a launch report alone: the class's range band along the reported heading. */
  CORRIDOR,
  /** Warned from radar tracks. */
  TRACKED,
  /**
   * Its latest predicted arrival has passed: the threat has come down, its tracks are retired, its
   * warnings stay until the all-clear.
   */
  PAST_IMPACT,
  /** Put in force by people; stays as given until people stand it down. */
  ISSUED,
  /** Over: all-clear, Cancel or stand-down sent; it is never warned for again. */
  ENDED;

  /** The lower-case name the API gives: {@code corridor}, {@code past-impact}, and so on. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the threat can still be warned for from sensor reports. */
  public boolean live() {
    return this == CORRIDOR || this == TRACKED;
  }
}
