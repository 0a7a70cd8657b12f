package org.tocsin.alert;

/**
 * The warning policy in force (docs/SCENARIOS.md): when an area is at risk and when it must
 * shelter.
 *
 * @param threshold an area is at risk when P(an impact within it or its buffer) reaches this,
 *     within (0, 1]
 * @param bufferKm the buffer around each area (km), not negative
 * @param shelterLeadS every area at risk shelters at least this long before its earliest predicted
 *     arrival (s), not negative
 * @param allClearAfterS the all-clear comes this long after the last predicted impact (s), not
 *     negative
 */
public record Policy(
    double threshold, double bufferKm, double shelterLeadS, double allClearAfterS) {

  public static final Policy DEFAULT = new Policy(0.001, 5, 300, 120);

  public Policy {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
    }
    if (!(bufferKm >= 0) || !(shelterLeadS >= 0) || !(allClearAfterS >= 0)) {
      throw new IllegalArgumentException(
          "bufferKm, shelterLeadS and allClearAfterS must not be negative, were "
              + bufferKm
              + ", "
              + shelterLeadS
              + ", "
              + allClearAfterS);
    }
  }
}
