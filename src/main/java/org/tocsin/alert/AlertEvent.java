package org.tocsin.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A change in the warnings for one threat. {@code areas} is the full state in force after the event
 * (not a difference), so every event can be read on its own; for an all-clear it lists the areas
 * being stood down.
 *
 * @param id unique id, {@code threat-sequence}
 * @param time when the decision was made
 * @param threatId the threat
 * @param type alert, update, cancel or all-clear
 * @param areas the warnings in force after the event, by area id
 * @param reason why, in words for operators
 * @param references the id of the previous event for this threat, if any
 */
public record AlertEvent(
    String id,
    Instant time,
    String threatId,
    MessageType type,
    List<AreaWarning> areas,
    String reason,
    Optional<String> references) {

  public AlertEvent {
    areas = List.copyOf(areas);
  }

  /** The ids of the areas at a level, sorted. */
  public List<String> areaIds(AlertLevel level) {
    return areas.stream()
        .filter(warning -> warning.level() == level)
        .map(AreaWarning::areaId)
        .sorted()
        .toList();
  }
}
