package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.area.AreaSet;
import org.tocsin.node.LiveWarnings;

/**
 * One warning per area, over every alert in force: where the engine's own warning and an upstream
 * authority's alert (or a manual one) cover the same area, people see one warning, at the most
 * serious level, with every source named. The alerts themselves stay separate, each with its own
 * messages, so that the Cancel of one never clears the other: this merges only what is shown.
 *
 * <p>The most serious warning is that of the most real status (Actual over Exercise over Test: a
 * drill never hides a real alert), then the higher level, as the page colours areas ({@code
 * common.js}).
 */
final class AreaSources {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AreaSources() {}

  /** One warning of one source. */
  private record Source(String threat, AlertStatus status, AreaWarning warning) {}

  private static final Comparator<Source> SERIOUSNESS =
      Comparator.comparing((Source s) -> realness(s.status()))
          .thenComparing(s -> s.warning().level() == AlertLevel.SHELTER ? 1 : 0);

  /** The areas warned, sorted by id, each at its most serious warning with its sources. */
  static ArrayNode merged(
      LiveWarnings live, Map<String, List<AreaWarning>> inForce, AreaSet areas) {
    Map<String, List<Source>> byArea = new TreeMap<>();
    inForce.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              AlertStatus status = live.statusOf(entry.getKey());
              for (AreaWarning warning : entry.getValue()) {
                byArea
                    .computeIfAbsent(warning.areaId(), id -> new ArrayList<>())
                    .add(new Source(entry.getKey(), status, warning));
              }
            });
    ArrayNode list = MAPPER.createArrayNode();
    byArea.forEach(
        (areaId, sources) -> {
          Source top = sources.stream().max(SERIOUSNESS).orElseThrow();
          ObjectNode node = list.addObject();
          node.put("id", areaId);
          areas
              .byId(areaId)
              .ifPresent(
                  area -> {
                    node.put("nameUk", area.nameUk());
                    node.put("nameEn", area.nameEn());
                  });
          node.put("level", top.warning().level().id());
          node.put("status", top.status().capName());
          ArrayNode named = node.putArray("sources");
          for (Source source : sources) {
            ObjectNode entry = named.addObject();
            entry.put("threat", source.threat());
            entry.put("origin", live.originOf(source.threat()).id());
            live.upstreamAlert(source.threat())
                .ifPresent(upstream -> entry.put("authority", upstream.authority()));
            entry.put("level", source.warning().level().id());
            entry.put("status", source.status().capName());
          }
        });
    return list;
  }

  private static int realness(AlertStatus status) {
    return switch (status) {
      case ACTUAL -> 3;
      case EXERCISE -> 2;
      case TEST -> 1;
    };
  }
}
