package org.tocsin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.UpstreamAlert;

/**
 * An upstream alert as JSON: what a relay's journal record and an upstream draft hold, so that a
 * replay and an approval relay exactly what was decided.
 */
public final class UpstreamAlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private UpstreamAlertJson() {}

  public static ObjectNode toJson(UpstreamAlert alert) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("threat", alert.threatId());
    node.put("authority", alert.authority());
    node.put("signedBy", alert.signedBy().orElse(null));
    node.put("capSender", alert.capSender());
    node.put("capIdentifier", alert.capIdentifier());
    node.put("status", alert.status().capName());
    node.put("level", alert.level().id());
    alert.areaIds().forEach(node.putArray("areas")::add);
    node.put("arrival", alert.arrival().map(Instant::toString).orElse(null));
    node.put("expires", alert.expires().toString());
    MessageTextJson.write(node, alert.text());
    return node;
  }

  public static UpstreamAlert fromJson(JsonNode node) {
    List<String> areas = new ArrayList<>();
    node.get("areas").forEach(area -> areas.add(area.asText()));
    JsonNode arrival = node.get("arrival");
    JsonNode signedBy = node.get("signedBy");
    return new UpstreamAlert(
        node.get("threat").asText(),
        node.get("authority").asText(),
        signedBy == null || signedBy.isNull() ? Optional.empty() : Optional.of(signedBy.asText()),
        node.get("capSender").asText(),
        node.get("capIdentifier").asText(),
        AlertStatus.parse("status", node.get("status").asText()),
        AlertLevel.valueOf(node.get("level").asText().toUpperCase(Locale.ROOT)),
        areas,
        arrival == null || arrival.isNull()
            ? Optional.empty()
            : Optional.of(Instant.parse(arrival.asText())),
        Instant.parse(node.get("expires").asText()),
        MessageTextJson.read(node));
  }

  public static UpstreamAlert fromJson(String json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored upstream alert is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
