package org.tocsin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageText;

/**
 * What a draft will send, as validated at drafting and stored with it: the level, the areas (those
 * picked and those the drawn polygon touches), the time to arrival, the template and the text.
 *
 * @param polygon the polygon drawn, as GeoJSON, kept for the record
 */
public record DraftContent(
    AlertLevel level,
    int minutesToArrival,
    List<String> areaIds,
    Optional<JsonNode> polygon,
    String template,
    MessageText text) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public DraftContent {
    Objects.requireNonNull(level, "level");
    areaIds = List.copyOf(areaIds);
    Objects.requireNonNull(polygon, "polygon");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(text, "text");
  }

  /** The alert it puts in force once approved. */
  public ManualAlert alert(String threatId, AlertStatus status) {
    return new ManualAlert(
        threatId, status, level, areaIds, Duration.ofMinutes(minutesToArrival), text);
  }

  public String toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("level", level.id());
    node.put("minutesToArrival", minutesToArrival);
    areaIds.forEach(node.putArray("areas")::add);
    polygon.ifPresentOrElse(p -> node.set("polygon", p), () -> node.putNull("polygon"));
    node.put("template", template);
    MessageTextJson.write(node, text);
    return node.toString();
  }

  /** Reads content this class wrote (a stored draft, or its journal record). */
  public static DraftContent fromJson(JsonNode node) {
    List<String> areas = new ArrayList<>();
    node.get("areas").forEach(area -> areas.add(area.asText()));
    JsonNode polygon = node.get("polygon");
    return new DraftContent(
        AlertLevel.valueOf(node.get("level").asText().toUpperCase(Locale.ROOT)),
        node.get("minutesToArrival").asInt(),
        areas,
        polygon == null || polygon.isNull() ? Optional.empty() : Optional.of(polygon),
        node.get("template").asText(),
        MessageTextJson.read(node));
  }

  public static DraftContent fromJson(String json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored draft is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
