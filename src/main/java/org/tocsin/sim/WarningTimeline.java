package org.tocsin.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;

/**
 * When each area was under alert and under shelter, from the alert events: each event's full state
 * is in force from its time until the threat's next event, and an area is under a level when any
 * threat's state in force holds it there (at or above it).
 */
final class WarningTimeline {

  /** A stretch [start, end) during which an area was at least at a level; end null: open. */
  record Stretch(Instant start, Instant end) {
    boolean covers(Instant time) {
      return !time.isBefore(start) && (end == null || time.isBefore(end));
    }
  }

  private final Map<AlertLevel, Map<String, List<Stretch>>> stretches = new HashMap<>();

  WarningTimeline(List<AlertEvent> events) {
    Map<String, List<AlertEvent>> byThreat = new LinkedHashMap<>();
    for (AlertEvent event : events) {
      byThreat.computeIfAbsent(event.threatId(), id -> new ArrayList<>()).add(event);
    }
    for (AlertLevel level : AlertLevel.values()) {
      Map<String, List<Stretch>> raw = new HashMap<>();
      for (List<AlertEvent> threatEvents : byThreat.values()) {
        for (int i = 0; i < threatEvents.size(); i++) {
          AlertEvent event = threatEvents.get(i);
          if (event.type() == MessageType.ALL_CLEAR || event.type() == MessageType.CANCEL) {
            continue;
          }
          Instant end = i + 1 < threatEvents.size() ? threatEvents.get(i + 1).time() : null;
          for (AreaWarning warning : event.areas()) {
            if (warning.level().compareTo(level) >= 0) {
              raw.computeIfAbsent(warning.areaId(), id -> new ArrayList<>())
                  .add(new Stretch(event.time(), end));
            }
          }
        }
      }
      Map<String, List<Stretch>> merged = new HashMap<>();
      raw.forEach((areaId, list) -> merged.put(areaId, merge(list)));
      stretches.put(level, merged);
    }
  }

  /** The uninterrupted stretch at or above {@code level} that covers {@code time}, if any. */
  Optional<Stretch> stretchAt(String areaId, AlertLevel level, Instant time) {
    return stretches.get(level).getOrDefault(areaId, List.of()).stream()
        .filter(stretch -> stretch.covers(time))
        .findFirst();
  }

  /** When the area was first at or above {@code level}, if ever. */
  Optional<Instant> firstTime(String areaId, AlertLevel level) {
    return stretches.get(level).getOrDefault(areaId, List.of()).stream()
        .map(Stretch::start)
        .min(Comparator.naturalOrder());
  }

  /** The areas that were ever at or above {@code level}. */
  Set<String> areasEver(AlertLevel level) {
    return new TreeSet<>(stretches.get(level).keySet());
  }

  private static List<Stretch> merge(List<Stretch> list) {
    List<Stretch> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparing(Stretch::start));
    List<Stretch> merged = new ArrayList<>();
    for (Stretch stretch : sorted) {
      if (!merged.isEmpty()) {
        Stretch last = merged.get(merged.size() - 1);
        if (last.end() == null || !stretch.start().isAfter(last.end())) {
          Instant end =
              last.end() == null || stretch.end() == null
                  ? null
                  : (stretch.end().isAfter(last.end()) ? stretch.end() : last.end());
          merged.set(merged.size() - 1, new Stretch(last.start(), end));
          continue;
        }
      }
      merged.add(stretch);
    }
    return merged;
  }
}
