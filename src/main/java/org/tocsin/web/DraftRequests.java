package org.tocsin.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplate;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.MessageText;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.store.DraftContent;

/**
 * Reads the console's requests: a draft ({@code POST /api/v1/drafts}) and an audience ({@code POST
 * /api/v1/audience}). Every problem is named, field by field, and a request with any problem
 * changes nothing. Unknown fields are refused, so that no field can slip past the rules (there is
 * no way to give a draft a second status).
 */
final class DraftRequests {

  /** A key given twice is refused, not silently read as its last value. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> DRAFT_FIELDS =
      Set.of("status", "level", "minutesToArrival", "areas", "polygon", "template", "text");
  private static final Set<String> AUDIENCE_FIELDS = Set.of("areas", "polygon");
  private static final int MAX_MINUTES = (int) ManualAlert.MAX_TIME_TO_ARRIVAL.toMinutes();

  /** A draft as asked for: its status and what it will send. */
  record Draft(AlertStatus status, DraftContent content) {}

  private DraftRequests() {}

  /**
   * @throws IllegalArgumentException listing every problem, separated by "; "
   */
  static Draft draft(String body, AreaSet areas) {
    JsonNode root = object(body);
    List<String> problems = new ArrayList<>();
    unknownFields(root, DRAFT_FIELDS, "", problems);
    AlertStatus status = null;
    try {
      status = AlertStatus.parse("status", root.path("status").asText(null));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    AlertLevel level = level(root.get("level"), problems);
    int minutes = minutes(root.get("minutesToArrival"), problems);
    List<Area> audience = audience(root, areas, problems);
    if (audience.isEmpty() && problems.isEmpty()) {
      problems.add("areas: must name at least one area, or polygon must touch one");
    }
    MessageText text = null;
    if (status != null) {
      try {
        ManualTemplate template =
            ManualTemplates.forDraft(root.path("template").asText(null), status);
        text = text(template.text(), root.get("text"), problems);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    throwIfAny(problems);
    JsonNode polygon = root.get("polygon");
    return new Draft(
        status,
        new DraftContent(
            level,
            minutes,
            audience.stream().map(Area::id).toList(),
            polygon == null || polygon.isNull() ? Optional.empty() : Optional.of(polygon),
            root.get("template").asText(),
            text));
  }

  /**
   * The areas of an audience request, in the order of the set.
   *
   * @throws IllegalArgumentException listing every problem
   */
  static List<Area> audience(String body, AreaSet areas) {
    JsonNode root = object(body);
    List<String> problems = new ArrayList<>();
    unknownFields(root, AUDIENCE_FIELDS, "", problems);
    List<Area> audience = audience(root, areas, problems);
    throwIfAny(problems);
    return audience;
  }

  private static List<Area> audience(JsonNode root, AreaSet areas, List<String> problems) {
    Set<Area> chosen = new LinkedHashSet<>();
    JsonNode ids = root.get("areas");
    if (ids != null && !ids.isNull()) {
      if (!ids.isArray()) {
        problems.add("areas: must be an array of area ids");
      } else {
        for (int i = 0; i < ids.size(); i++) {
          JsonNode id = ids.get(i);
          Optional<Area> area = id.isTextual() ? areas.byId(id.asText()) : Optional.empty();
          if (area.isEmpty()) {
            problems.add(
                "areas[" + i + "]: must be an area of the set " + areas.id() + ", was " + id);
          } else if (!chosen.add(area.get())) {
            problems.add("areas[" + i + "]: " + id.asText() + " is named twice");
          }
        }
      }
    }
    JsonNode polygon = root.get("polygon");
    if (polygon != null && !polygon.isNull()) {
      try {
        chosen.addAll(areas.intersecting(polygon));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return areas.areas().stream().filter(chosen::contains).toList();
  }

  private static AlertLevel level(JsonNode level, List<String> problems) {
    if (level != null && level.isTextual()) {
      for (AlertLevel candidate : AlertLevel.values()) {
        if (candidate.id().equals(level.asText())) {
          return candidate;
        }
      }
    }
    problems.add("level: must be shelter or prepare, was " + level);
    return null;
  }

  private static int minutes(JsonNode minutes, List<String> problems) {
    if (minutes == null
        || !minutes.canConvertToExactIntegral()
        // asInt() wraps a larger number: 4294967306 would read as 10.
        || !minutes.canConvertToInt()
        || minutes.asInt() < 0
        || minutes.asInt() > MAX_MINUTES) {
      problems.add(
          "minutesToArrival: must be a whole number within [0, "
              + MAX_MINUTES
              + "], was "
              + minutes);
      return 0;
    }
    return minutes.asInt();
  }

  /** The template's text with the fields the request gives instead. */
  private static MessageText text(MessageText base, JsonNode given, List<String> problems) {
    if (given == null || given.isNull()) {
      return base;
    }
    if (!given.isObject()) {
      problems.add("text: must be an object with any of " + String.join(", ", MessageText.FIELDS));
      return base;
    }
    unknownFields(given, Set.copyOf(MessageText.FIELDS), "text.", problems);
    MessageText text = base;
    for (String field : MessageText.FIELDS) {
      JsonNode value = given.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isTextual()) {
        problems.add("text." + field + ": must be a string, was " + value);
        continue;
      }
      try {
        text = text.with(field, value.asText());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return text;
  }

  private static void unknownFields(
      JsonNode node, Set<String> known, String prefix, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            prefix + name + ": unknown field; the fields are " + String.join(", ", sorted(known)));
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /**
   * The body as a JSON object, a key given twice refused.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static JsonNode object(String body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("body: must be a JSON object");
      }
      return root;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("body: must be JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
