package org.tocsin.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * The JSON form of sensor reports, as sensors post them ({@code POST /api/v1/reports}): a batch
 * {@code {"reports": [...]}} of launch detections and radar plots, in the units people write
 * (degrees, milliradians, metres).
 *
 * <p>Reading validates everything before anything is accepted: every problem is reported, one line
 * each, naming the field path and the rule ({@code reports[3].rangeM: must be positive, was -5.0}),
 * unknown fields are refused, and a batch with any problem is refused whole.
 */
public final class ReportJson {

  /**
   * The most reports one batch may carry: a salvo's scan from one radar fits many times over, and a
   * batch stays small enough that one sensor's never holds up another's for long.
   */
  public static final int MAX_BATCH = 1_000;

  /**
   * Physical bounds of what a real sensor reports. Values outside them are not measurements (a
   * sigma of 1e300 warned every hromada; 1e-300 broke the tracker's matrices) and are refused.
   */
  static final double MAX_POSITION_SIGMA_M = 100_000;

  static final double MIN_SIGMA = 1e-3;
  static final double MAX_HEADING_SIGMA_DEG = 90;
  static final double MAX_RANGE_M = 10_000_000;
  static final double MAX_RANGE_SIGMA_M = 10_000;
  static final double MAX_ANGLE_SIGMA_MRAD = 200;

  /**
   * Elevations a radar plot may have. Near the zenith the azimuth is undefined and the plot's
   * covariance singular (three plots at 90° broke the tracker); below the horizon's refraction
   * nothing is seen.
   */
  static final double MIN_ELEVATION_DEG = -5;

  static final double MAX_ELEVATION_DEG = 89;

  // Duplicate keys are refused: which of two values a reader keeps is not something to guess.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> LAUNCH_FIELDS =
      Set.of(
          "type",
          "sensorId",
          "time",
          "launch",
          "headingDeg",
          "positionSigmaM",
          "headingSigmaDeg",
          "class");
  private static final Set<String> RADAR_FIELDS =
      Set.of(
          "type",
          "sensorId",
          "time",
          "site",
          "rangeM",
          "azimuthDeg",
          "elevationDeg",
          "rangeSigmaM",
          "azimuthSigmaMrad",
          "elevationSigmaMrad");

  private ReportJson() {}

  /**
   * Reads a batch.
   *
   * @throws InvalidReportException listing every problem
   */
  public static List<Observation> read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      if (message.startsWith("Duplicate field")) {
        throw new InvalidReportException(
            List.of(
                "body: each key at most once per object, "
                    + message.replace("Duplicate field", "key")
                    + " appears twice (line "
                    + e.getLocation().getLineNr()
                    + ")"));
      }
      throw new InvalidReportException(List.of("body: must be JSON, " + message));
    }
    List<String> problems = new ArrayList<>();
    if (root == null
        || !root.isObject()
        || !root.has("reports")
        || !root.get("reports").isArray()) {
      throw new InvalidReportException(List.of("body: must be an object {\"reports\": [...]}"));
    }
    unknownFields(root, Set.of("reports"), "body", problems);
    ArrayNode reports = (ArrayNode) root.get("reports");
    if (reports.isEmpty()) {
      problems.add("reports: must not be empty");
    }
    if (reports.size() > MAX_BATCH) {
      throw new InvalidReportException(
          List.of("reports: at most " + MAX_BATCH + " per batch, was " + reports.size()));
    }
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      Fields fields = new Fields(reports.get(i), "reports[" + i + "]", problems);
      Observation observation = fields.observation();
      if (observation != null) {
        observations.add(observation);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidReportException(problems);
    }
    return observations;
  }

  /** Writes observations as a batch that {@link #read} reads back to equal records. */
  public static String write(List<Observation> observations) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode reports = root.putArray("reports");
    for (Observation observation : observations) {
      ObjectNode node = reports.addObject();
      node.put("sensorId", observation.sensorId());
      node.put("time", observation.time().toString());
      if (observation instanceof LaunchDetection launch) {
        node.put("type", "launch-detection");
        ObjectNode point = node.putObject("launch");
        point.put("lat", launch.launchPoint().latitudeDeg());
        point.put("lon", launch.launchPoint().longitudeDeg());
        point.put("time", launch.launchTime().toString());
        node.put("headingDeg", launch.headingDeg());
        node.put("positionSigmaM", launch.positionSigmaM());
        node.put("headingSigmaDeg", launch.headingSigmaDeg());
        node.put("class", launch.threatClass().id());
      } else if (observation instanceof RadarPlot plot) {
        node.put("type", "radar-plot");
        ObjectNode site = node.putObject("site");
        site.put("lat", plot.site().latitudeDeg());
        site.put("lon", plot.site().longitudeDeg());
        site.put("altM", plot.site().heightM());
        node.put("rangeM", plot.measurement().rangeM());
        node.put("azimuthDeg", Math.toDegrees(plot.measurement().azimuthRad()));
        node.put("elevationDeg", Math.toDegrees(plot.measurement().elevationRad()));
        node.put("rangeSigmaM", plot.rangeSigmaM());
        node.put("azimuthSigmaMrad", plot.azimuthSigmaRad() * 1000);
        node.put("elevationSigmaMrad", plot.elevationSigmaRad() * 1000);
      }
    }
    return root.toString();
  }

  private static void unknownFields(
      JsonNode node, Set<String> known, String path, List<String> problems) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(path + ": unknown field '" + name + "'");
      }
    }
  }

  /** Reads one report's fields, collecting problems rather than stopping at the first. */
  private static final class Fields {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;
    private final int before;

    Fields(JsonNode node, String path, List<String> problems) {
      this.node = node;
      this.path = path;
      this.problems = problems;
      this.before = problems.size();
    }

    Observation observation() {
      if (node == null || !node.isObject()) {
        problems.add(path + ": must be an object");
        return null;
      }
      String type = text(node, "type");
      if ("launch-detection".equals(type)) {
        unknownFields(node, LAUNCH_FIELDS, path, problems);
        return launch();
      }
      if ("radar-plot".equals(type)) {
        unknownFields(node, RADAR_FIELDS, path, problems);
        return radar();
      }
      if (type != null) {
        problems.add(path + ".type: must be launch-detection or radar-plot, was '" + type + "'");
      }
      return null;
    }

    private Observation launch() {
      String sensorId = text(node, "sensorId");
      Instant time = instant(node, "time", path + ".time");
      JsonNode launch = object("launch");
      GeoPoint point = launch == null ? null : point(launch, path + ".launch", false);
      Instant launchTime = launch == null ? null : instant(launch, "time", path + ".launch.time");
      double heading = number(node, "headingDeg", path + ".headingDeg", 0, 360, false);
      double positionSigma =
          number(
              node,
              "positionSigmaM",
              path + ".positionSigmaM",
              MIN_SIGMA,
              MAX_POSITION_SIGMA_M,
              true);
      double headingSigma =
          number(
              node,
              "headingSigmaDeg",
              path + ".headingSigmaDeg",
              MIN_SIGMA,
              MAX_HEADING_SIGMA_DEG,
              true);
      ThreatClass threatClass = null;
      String classId = text(node, "class");
      if (classId != null) {
        try {
          threatClass = ThreatClass.fromId(classId);
        } catch (IllegalArgumentException e) {
          problems.add(path + ".class: " + e.getMessage());
        }
      }
      if (time != null && launchTime != null && launchTime.isAfter(time)) {
        problems.add(path + ".launch.time: must not be after the report time " + time);
      }
      if (problems.size() > before) {
        return null;
      }
      return new LaunchDetection(
          sensorId, time, point, launchTime, heading, positionSigma, headingSigma, threatClass);
    }

    private Observation radar() {
      String sensorId = text(node, "sensorId");
      Instant time = instant(node, "time", path + ".time");
      JsonNode siteNode = object("site");
      GeoPoint site = siteNode == null ? null : point(siteNode, path + ".site", true);
      double range = number(node, "rangeM", path + ".rangeM", 1, MAX_RANGE_M, true);
      double azimuth = number(node, "azimuthDeg", path + ".azimuthDeg", 0, 360, false);
      double elevation =
          number(
              node,
              "elevationDeg",
              path + ".elevationDeg",
              MIN_ELEVATION_DEG,
              MAX_ELEVATION_DEG,
              true);
      double rangeSigma =
          number(node, "rangeSigmaM", path + ".rangeSigmaM", MIN_SIGMA, MAX_RANGE_SIGMA_M, true);
      double azimuthSigma =
          number(
              node,
              "azimuthSigmaMrad",
              path + ".azimuthSigmaMrad",
              MIN_SIGMA,
              MAX_ANGLE_SIGMA_MRAD,
              true);
      double elevationSigma =
          number(
              node,
              "elevationSigmaMrad",
              path + ".elevationSigmaMrad",
              MIN_SIGMA,
              MAX_ANGLE_SIGMA_MRAD,
              true);
      if (problems.size() > before) {
        return null;
      }
      double azimuthRad = Math.toRadians(azimuth);
      return new RadarPlot(
          sensorId,
          time,
          site,
          new RadarMeasurement(
              range, azimuthRad >= 2 * Math.PI ? 0 : azimuthRad, Math.toRadians(elevation)),
          rangeSigma,
          azimuthSigma / 1000,
          elevationSigma / 1000);
    }

    private JsonNode object(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isObject()) {
        problems.add(path + "." + field + ": required, an object");
        return null;
      }
      return value;
    }

    private GeoPoint point(JsonNode object, String at, boolean withAltitude) {
      double lat = number(object, "lat", at + ".lat", -90, 90, true);
      double lon = number(object, "lon", at + ".lon", -180, 180, true);
      double alt = 0;
      if (withAltitude && object.has("altM")) {
        alt = number(object, "altM", at + ".altM", -500, 100_000, true);
      }
      unknownFields(
          object,
          withAltitude ? Set.of("lat", "lon", "altM") : Set.of("lat", "lon", "time"),
          at,
          problems);
      return Double.isNaN(lat) || Double.isNaN(lon) || Double.isNaN(alt)
          ? null
          : new GeoPoint(lat, lon, alt);
    }

    private String text(JsonNode object, String field) {
      JsonNode value = object.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        problems.add(path + "." + field + ": required, a non-empty string");
        return null;
      }
      return value.asText();
    }

    private Instant instant(JsonNode object, String field, String at) {
      JsonNode value = object.get(field);
      if (value == null || !value.isTextual()) {
        problems.add(at + ": required, an ISO-8601 instant such as 2024-11-21T02:00:00Z");
        return null;
      }
      try {
        return Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        problems.add(
            at
                + ": must be an ISO-8601 instant such as 2024-11-21T02:00:00Z, was '"
                + value.asText()
                + "'");
        return null;
      }
    }

    private double number(
        JsonNode object, String field, String at, double min, double max, boolean maxIncluded) {
      JsonNode value = object.get(field);
      if (value == null || !value.isNumber()) {
        problems.add(at + ": required, a number");
        return Double.NaN;
      }
      double number = value.asDouble();
      boolean aboveMax = maxIncluded ? number > max : number >= max;
      if (!Double.isFinite(number) || number < min || aboveMax) {
        problems.add(
            at
                + ": must be within ["
                + fmt(min)
                + ", "
                + fmt(max)
                + (maxIncluded ? "]" : ")")
                + ", was "
                + number);
        return Double.NaN;
      }
      return number;
    }

    private static String fmt(double bound) {
      return bound == Double.MAX_VALUE
          ? "∞"
          : (bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound));
    }
  }
}
