package org.tocsin.alert;

import java.time.Instant;

/**
 * The warning in force for one area.
 *
 * @param areaId the area
 * @param level prepare or shelter
 * @param probability P(an impact within the area or its buffer) at the last decision
 * @param earliestArrival the earliest predicted arrival there
 */
public record AreaWarning(
    String areaId, AlertLevel level, double probability, Instant earliestArrival) {

  public AreaWarning withLevel(AlertLevel newLevel) {
    return new AreaWarning(areaId, newLevel, probability, earliestArrival);
  }
}
