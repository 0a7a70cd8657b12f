package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.bus.RecordCodec;
import org.tocsin.ingest.ReportJson;
import org.tocsin.node.Command;
import org.tocsin.store.DraftContent;
import org.tocsin.store.UpstreamAlertJson;
import org.tocsin.track.Observation;
import org.tocsin.track.Tracker;

/**
 * The shared log's records: JSON in UTF-8. A batch of reports is the JSON a sensor posts ({@code
 * {"reports": [...]}}, see {@link ReportJson}), so the log reads like ingest; every other command
 * names itself: {@code {"command": "tick"}}, {@code "issue"} with its manual alert, {@code
 * "stand-down"} with the threat and the type, {@code "relay"} with the upstream alert, {@code
 * "upstream-cancel"} with the threat, {@code "checkpoint"} with the engine's numbers. No record
 * carries a time: the log's time for it is the command's.
 *
 * <p>Decoding validates everything, as ingest and the console do (a record may be hostile: anyone
 * who can write to the topic could have written it), and refuses with the field and the rule.
 */
final class CommandCodec implements RecordCodec<LoggedCommand> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The record of a command, to append. */
  static LoggedCommand of(Command command) {
    String json = encode(command);
    return new LoggedCommand(command.name(), json, decodeJson(json).at());
  }

  @Override
  public byte[] encode(LoggedCommand command) {
    return command.json().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public LoggedCommand decode(byte[] bytes) {
    return decodeJson(RecordCodec.utf8(bytes));
  }

  private static String encode(Command command) {
    if (command instanceof Command.Batch batch) {
      return ReportJson.write(batch.reports());
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("command", command.name());
    if (command instanceof Command.Issue issue) {
      ManualAlert alert = issue.alert();
      node.put("threat", alert.threatId());
      node.put("status", alert.status().capName());
      DraftContent content =
          new DraftContent(
              alert.level(),
              Math.toIntExact(alert.timeToArrival().toMinutes()),
              alert.areaIds(),
              Optional.empty(),
              "",
              alert.text());
      node.set("alert", read(content.toJson()));
    } else if (command instanceof Command.StandDown standDown) {
      node.put("threat", standDown.threatId());
      node.put("type", standDown.type().name());
    } else if (command instanceof Command.Relay relay) {
      node.set("alert", UpstreamAlertJson.toJson(relay.alert()));
    } else if (command instanceof Command.CancelUpstream cancel) {
      node.put("threat", cancel.threatId());
    } else if (command instanceof Command.Checkpoint checkpoint) {
      node.put("nextTrack", checkpoint.counters().nextTrack());
      node.put("nextLaunchThreat", checkpoint.counters().nextLaunchThreat());
      node.put("nextRadarThreat", checkpoint.counters().nextRadarThreat());
      node.put("eventOrdinal", checkpoint.eventOrdinal());
    }
    return node.toString();
  }

  private static LoggedCommand decodeJson(String json) {
    JsonNode node = read(json);
    if (!node.isObject()) {
      throw new IllegalArgumentException("record: must be a JSON object");
    }
    if (!node.has("command")) {
      List<Observation> reports = ReportJson.read(json);
      return new LoggedCommand("batch", json, at -> new Command.Batch(reports, at));
    }
    String name = node.path("command").asText();
    return switch (name) {
      case "tick" -> new LoggedCommand(name, json, Command.Tick::new);
      case "issue" -> {
        String threat = text(node, "threat");
        AlertStatus status = AlertStatus.parse("status", text(node, "status"));
        JsonNode content = node.get("alert");
        if (content == null || !content.isObject()) {
          throw new IllegalArgumentException("alert: must be an object");
        }
        ManualAlert alert = DraftContent.fromJson(content).alert(threat, status);
        yield new LoggedCommand(name, json, at -> new Command.Issue(alert, at));
      }
      case "stand-down" -> {
        String threat = text(node, "threat");
        MessageType type = standDownType(text(node, "type"));
        yield new LoggedCommand(name, json, at -> new Command.StandDown(threat, type, at));
      }
      case "relay" -> {
        JsonNode content = node.get("alert");
        if (content == null || !content.isObject()) {
          throw new IllegalArgumentException("alert: must be an object");
        }
        UpstreamAlert alert = UpstreamAlertJson.fromJson(content);
        yield new LoggedCommand(name, json, at -> new Command.Relay(alert, at));
      }
      case "upstream-cancel" -> {
        String threat = text(node, "threat");
        yield new LoggedCommand(name, json, at -> new Command.CancelUpstream(threat, at));
      }
      case "checkpoint" -> {
        Tracker.Counters counters =
            new Tracker.Counters(
                count(node, "nextTrack"),
                count(node, "nextLaunchThreat"),
                count(node, "nextRadarThreat"));
        long ordinal = whole(node, "eventOrdinal");
        yield new LoggedCommand(name, json, at -> new Command.Checkpoint(counters, ordinal, at));
      }
      default ->
          throw new IllegalArgumentException(
              "command: must be tick, issue, stand-down, relay, upstream-cancel or checkpoint,"
                  + " was '"
                  + name
                  + "'");
    };
  }

  private static MessageType standDownType(String value) {
    MessageType type;
    try {
      type = MessageType.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      type = null;
    }
    if (type != MessageType.CANCEL
        && type != MessageType.CORRECTION
        && type != MessageType.ALL_CLEAR) {
      throw new IllegalArgumentException(
          "type: must be CANCEL, CORRECTION or ALL_CLEAR, was '" + value + "'");
    }
    return type;
  }

  private static int count(JsonNode node, String field) {
    long value = whole(node, field);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + ": must be within [1, 2147483647], was " + value);
    }
    return (int) value;
  }

  private static long whole(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(field + ": must be a whole number");
    }
    if (value.asLong() < 0) {
      throw new IllegalArgumentException(field + ": must be at least 0, was " + value.asLong());
    }
    return value.asLong();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(field + ": must be a non-blank string");
    }
    return value.asText();
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("record: not JSON, " + e.getOriginalMessage(), e);
    }
  }
}
