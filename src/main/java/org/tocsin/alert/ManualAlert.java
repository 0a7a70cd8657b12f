package org.tocsin.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert that people decided on, approved by a second person: the areas to warn, at one level,
 * with its own text and status.
 *
 * @param threatId the id its events carry, {@code M<draft id>}
 * @param status Actual, Exercise or Test, fixed from the draft
 * @param level prepare or shelter, for every area
 * @param areaIds the areas, at least one, no repeats
 * @param timeToArrival how long after issue the threat may arrive, from zero to an hour
 * @param text what people read
 */
public record ManualAlert(
    String threatId,
    AlertStatus status,
    AlertLevel level,
    List<String> areaIds,
    Duration timeToArrival,
    MessageText text) {

  /** The longest time to arrival a manual alert may state. */
  public static final Duration MAX_TIME_TO_ARRIVAL = Duration.ofHours(1);

  public ManualAlert {
    Objects.requireNonNull(threatId, "threatId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(text, "text");
    areaIds = List.copyOf(areaIds);
    if (areaIds.isEmpty()) {
      throw new IllegalArgumentException("areas: must name at least one area");
    }
    if (areaIds.stream().distinct().count() != areaIds.size()) {
      throw new IllegalArgumentException("areas: must not repeat an area");
    }
    if (timeToArrival.isNegative() || timeToArrival.compareTo(MAX_TIME_TO_ARRIVAL) > 0) {
      throw new IllegalArgumentException(
          "minutesToArrival: must be within [0, 60], was " + timeToArrival.toMinutes());
    }
  }

  /** The warnings it puts in force when issued at {@code now}. */
  public List<AreaWarning> warnings(Instant now) {
    Instant arrival = now.plus(timeToArrival);
    return areaIds.stream().sorted().map(id -> new AreaWarning(id, level, 1.0, arrival)).toList();
  }
}
