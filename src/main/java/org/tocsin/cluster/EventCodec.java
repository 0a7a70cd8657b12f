package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.bus.RecordCodec;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.JournalCodec;

/**
 * The events log's records: {@code {"ordinal": n, "log": "3f9a1c2e", "status": "Actual", "origin":
 * "engine", "authority": null, "event": {...}}}, the event in the journal's JSON form ({@link
 * JournalCodec}), in UTF-8. Decoding validates everything and refuses with the field and the rule.
 */
final class EventCodec implements RecordCodec<LoggedEvent> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public byte[] encode(LoggedEvent logged) {
    PublishedEvent event = logged.event();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ordinal", logged.ordinal());
    node.put("log", logged.log());
    node.put("status", event.status().capName());
    node.put("origin", event.origin().id());
    event
        .authority()
        .ifPresentOrElse(a -> node.put("authority", a), () -> node.putNull("authority"));
    try {
      node.set("event", MAPPER.readTree(JournalCodec.encode(event.event())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the journal's JSON of an event is not JSON", e);
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public LoggedEvent decode(byte[] bytes) {
    JsonNode node;
    try {
      node = MAPPER.readTree(RecordCodec.utf8(bytes));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("record: not JSON, " + e.getOriginalMessage(), e);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("record: must be a JSON object");
    }
    JsonNode ordinal = node.get("ordinal");
    if (ordinal == null || !ordinal.canConvertToLong() || !ordinal.isIntegralNumber()) {
      throw new IllegalArgumentException("ordinal: must be a whole number");
    }
    if (ordinal.asLong() < 1) {
      throw new IllegalArgumentException("ordinal: must be at least 1, was " + ordinal.asLong());
    }
    AlertStatus status = AlertStatus.parse("status", node.path("status").asText());
    PublishedEvent.Origin origin = origin(node.path("origin").asText());
    JsonNode authority = node.get("authority");
    if (authority != null
        && !authority.isNull()
        && (!authority.isTextual()
            || authority.asText().isBlank()
            || authority.asText().length() > 200)) {
      throw new IllegalArgumentException(
          "authority: must be null or a name of 1 to 200 characters");
    }
    Optional<String> authorityName =
        authority == null || authority.isNull()
            ? Optional.empty()
            : Optional.of(authority.asText());
    JsonNode event = node.get("event");
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("event: must be an object");
    }
    AlertEvent alertEvent = JournalCodec.decodeAlertEvent(event.toString());
    return new LoggedEvent(
        ordinal.asLong(),
        node.path("log").asText(),
        new PublishedEvent(0, alertEvent, status, origin, authorityName));
  }

  private static PublishedEvent.Origin origin(String value) {
    for (PublishedEvent.Origin origin : PublishedEvent.Origin.values()) {
      if (origin.id().equals(value)) {
        return origin;
      }
    }
    throw new IllegalArgumentException(
        "origin: must be engine, manual or upstream, was '" + value.toLowerCase(Locale.ROOT) + "'");
  }
}
