package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * The journal's JSON form of reports and alert events. It is written out field by field, not
 * derived from the records, so that renaming a Java field never changes what is stored; decoding
 * what was encoded gives an equal value (doubles as their shortest exact decimal, instants in
 * ISO-8601 to the nanosecond).
 *
 * <pre>
 * {"type":"launch-detection","sensorId":…,"time":"…Z","launchPoint":{"latDeg":…,"lonDeg":…,
 *  "heightM":…},"launchTime":"…Z","headingDeg":…,"positionSigmaM":…,"headingSigmaDeg":…,
 *  "threatClass":"mrbm"}
 * {"type":"radar-plot","sensorId":…,"time":…,"site":{…},"rangeM":…,"azimuthRad":…,
 *  "elevationRad":…,"rangeSigmaM":…,"azimuthSigmaRad":…,"elevationSigmaRad":…}
 * {"id":…,"time":…,"threatId":…,"type":"alert|update|cancel|all-clear","areas":[{"areaId":…,
 *  "level":"prepare|shelter","probability":…,"earliestArrival":…}],"reason":…,"references":null}
 * </pre>
 */
public final class JournalCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAUNCH_DETECTION = "launch-detection";
  private static final String RADAR_PLOT = "radar-plot";

  private JournalCodec() {}

  public static String encode(Observation report) {
    ObjectNode node = JSON.createObjectNode();
    if (report instanceof LaunchDetection launch) {
      node.put("type", LAUNCH_DETECTION)
          .put("sensorId", launch.sensorId())
          .put("time", launch.time().toString());
      node.set("launchPoint", point(launch.launchPoint()));
      node.put("launchTime", launch.launchTime().toString())
          .put("headingDeg", launch.headingDeg())
          .put("positionSigmaM", launch.positionSigmaM())
          .put("headingSigmaDeg", launch.headingSigmaDeg())
          .put("threatClass", launch.threatClass().id());
    } else if (report instanceof RadarPlot plot) {
      node.put("type", RADAR_PLOT)
          .put("sensorId", plot.sensorId())
          .put("time", plot.time().toString());
      node.set("site", point(plot.site()));
      node.put("rangeM", plot.measurement().rangeM())
          .put("azimuthRad", plot.measurement().azimuthRad())
          .put("elevationRad", plot.measurement().elevationRad())
          .put("rangeSigmaM", plot.rangeSigmaM())
          .put("azimuthSigmaRad", plot.azimuthSigmaRad())
          .put("elevationSigmaRad", plot.elevationSigmaRad());
    } else {
      throw new IllegalArgumentException("unknown observation type " + report.getClass());
    }
    return node.toString();
  }

  /**
   * @throws IllegalArgumentException naming the field when the JSON is not a report in this form
   */
  public static Observation decodeReport(String json) {
    JsonNode node = parse(json);
    String type = text(node, "type");
    return switch (type) {
      case LAUNCH_DETECTION ->
          new LaunchDetection(
              text(node, "sensorId"),
              instant(node, "time"),
              point(node, "launchPoint"),
              instant(node, "launchTime"),
              number(node, "headingDeg"),
              number(node, "positionSigmaM"),
              number(node, "headingSigmaDeg"),
              ThreatClass.fromId(text(node, "threatClass")));
      case RADAR_PLOT ->
          new RadarPlot(
              text(node, "sensorId"),
              instant(node, "time"),
              point(node, "site"),
              new RadarMeasurement(
                  number(node, "rangeM"), number(node, "azimuthRad"), number(node, "elevationRad")),
              number(node, "rangeSigmaM"),
              number(node, "azimuthSigmaRad"),
              number(node, "elevationSigmaRad"));
      default ->
          throw new IllegalArgumentException(
              "report field 'type' must be launch-detection or radar-plot, was '" + type + "'");
    };
  }

  public static String encode(AlertEvent event) {
    ObjectNode node =
        JSON.createObjectNode()
            .put("id", event.id())
            .put("time", event.time().toString())
            .put("threatId", event.threatId())
            .put("type", typeId(event.type()));
    ArrayNode areas = node.putArray("areas");
    for (AreaWarning warning : event.areas()) {
      areas
          .addObject()
          .put("areaId", warning.areaId())
          .put("level", warning.level().id())
          .put("probability", warning.probability())
          .put("earliestArrival", warning.earliestArrival().toString());
    }
    node.put("reason", event.reason());
    node.put("references", event.references().orElse(null));
    return node.toString();
  }

  /**
   * @throws IllegalArgumentException naming the field when the JSON is not an alert event
   */
  public static AlertEvent decodeAlertEvent(String json) {
    JsonNode node = parse(json);
    JsonNode areasNode = node.get("areas");
    if (areasNode == null || !areasNode.isArray()) {
      throw new IllegalArgumentException("alert event field 'areas' must be an array");
    }
    List<AreaWarning> areas = new ArrayList<>();
    for (JsonNode area : areasNode) {
      areas.add(
          new AreaWarning(
              text(area, "areaId"),
              level(text(area, "level")),
              number(area, "probability"),
              instant(area, "earliestArrival")));
    }
    JsonNode references = node.get("references");
    return new AlertEvent(
        text(node, "id"),
        instant(node, "time"),
        text(node, "threatId"),
        type(text(node, "type")),
        areas,
        text(node, "reason"),
        references == null || references.isNull()
            ? Optional.empty()
            : Optional.of(text(node, "references")));
  }

  private static String typeId(MessageType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static MessageType type(String id) {
    for (MessageType type : MessageType.values()) {
      if (typeId(type).equals(id)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "alert event field 'type' must be alert, update, cancel or all-clear, was '" + id + "'");
  }

  private static AlertLevel level(String id) {
    for (AlertLevel level : AlertLevel.values()) {
      if (level.id().equals(id)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "area field 'level' must be prepare or shelter, was '" + id + "'");
  }

  private static ObjectNode point(GeoPoint point) {
    return JSON.createObjectNode()
        .put("latDeg", point.latitudeDeg())
        .put("lonDeg", point.longitudeDeg())
        .put("heightM", point.heightM());
  }

  private static GeoPoint point(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("field '" + field + "' must be an object");
    }
    return new GeoPoint(number(node, "latDeg"), number(node, "lonDeg"), number(node, "heightM"));
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("payload must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return value.textValue();
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' must be a number");
    }
    return value.doubleValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be an ISO-8601 instant, was '" + text + "'", e);
    }
  }
}
